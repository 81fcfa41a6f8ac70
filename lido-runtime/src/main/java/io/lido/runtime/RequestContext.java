package io.lido.runtime;

import io.lido.api.HttpContext;
import io.lido.config.SiteConfig;
import io.lido.config.WebConfig;
import io.lido.ipc.RequestHead;

import java.nio.file.Path;

/**
 * The runtime's view of a request, for Lido's built-in modules and handlers (application code sees only
 * {@link HttpContext}). Every {@link HttpContext} the runtime creates implements it.
 */
public interface RequestContext extends HttpContext {

    /** The effective web configuration for this request's path. */
    WebConfig config();

    SiteConfig site();

    /** The application (in the site configuration) this request belongs to. */
    SiteConfig.Application applicationConfig();

    /**
     * The request as the listener routed it: its id (unique per host run), the client's and the local address and
     * port, whether the connection is TLS, the raw request-target and every header field as received. For handlers
     * that hand the request on whole, such as a servlet container.
     */
    RequestHead head();

    /**
     * Sends a region of a file as the response body (after the headers set so far), without copying it
     * through the heap where the transport allows. Sets Content-Length to {@code length}.
     */
    void transmitFile(Path file, long offset, long length);
}
