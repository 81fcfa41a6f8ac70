package io.lido.api;

import java.nio.file.Path;

/** Server utilities available to application code (ASP.NET's {@code Server}). */
public interface HttpServerUtility {

    /**
     * The physical file for a virtual path: "~/x" is relative to the application, "/x" to the site,
     * anything else to the current request's folder.
     *
     * @throws HttpException (400) for a path that leaves the application's physical folders
     */
    Path mapPath(String virtualPath);

    /** HTML-encodes text for safe inclusion in a page. */
    String htmlEncode(String text);

    /** URL-encodes (application/x-www-form-urlencoded, UTF-8). */
    String urlEncode(String text);

    String urlDecode(String text);

    /** The host's name. */
    String machineName();
}
