package io.lido.runtime.internal;

import io.lido.api.HttpContext;
import io.lido.api.HttpHandler;

/**
 * Answers 405 with {@code Allow} when handler entries match the path but none allows the method
 * (RFC 9110 §15.5.6 requires the Allow field). The body is left empty so the error-page logic
 * writes the IIS page for 405.
 */
record MethodNotAllowedHandler(String allow) implements HttpHandler, HandlerFactory {

    @Override
    public HttpHandler handler() {
        return this;
    }

    @Override
    public void processRequest(HttpContext context) {
        context.response().status(405);
        context.response().header("Allow", allow);
    }
}
