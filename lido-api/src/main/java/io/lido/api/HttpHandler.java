package io.lido.api;

/**
 * Produces the response for the requests mapped to it (web.config {@code <handlers><add path verb type/>}).
 * Exactly one handler executes per request, between {@link PipelineEvent#PRE_REQUEST_HANDLER_EXECUTE} and
 * {@link PipelineEvent#POST_REQUEST_HANDLER_EXECUTE}.
 *
 * <p>Called on the request's own thread; it may block. The response is complete when the method
 * returns (or throws). A handler class needs a public no-argument constructor; when
 * {@link #isReusable()} is true (the default) one instance serves every request, concurrently.
 */
@FunctionalInterface
public interface HttpHandler {

    /** Writes the response for this request. Throw {@link HttpException} to answer with a status. */
    void processRequest(HttpContext context) throws Exception;

    /** Whether one instance may serve many (concurrent) requests; false gets a new instance each time. */
    default boolean isReusable() {
        return true;
    }
}
