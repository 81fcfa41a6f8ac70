package io.lido.runtime.servlet;

import java.nio.file.Path;

/**
 * What a {@link ServletContainer} needs to start one generation of a web application.
 *
 * @param name        the application as Lido's logs name it: {@code /path (site "Name")}
 * @param contextPath the servlet context path: the application's virtual path, "" for the site's root
 * @param folder      the unpacked web application (the domain's shadow copy): WEB-INF/ and the static content
 * @param tempFolder  the context's private temporary folder (ServletContext.TEMPDIR, multipart uploads): the
 *                    process's own, never a shared /tmp
 */
public record WebApplicationSpec(String name, String contextPath, Path folder, Path tempFolder) {
}
