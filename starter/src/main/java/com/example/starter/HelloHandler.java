package com.example.starter;

import io.lido.api.HttpContext;
import io.lido.api.HttpHandler;

/**
 * Answers {@code /hello} (web.config maps it) with a greeting, {@code ?name=...} naming whom to greet.
 *
 * <p>One instance serves every request, concurrently, each on a virtual thread of its own: keep no per-request
 * state in fields.
 */
public final class HelloHandler implements HttpHandler {

    @Override
    public void processRequest(HttpContext context) {
        String name = context.request().query("name");
        context.response().contentType("text/plain; charset=utf-8");
        context.response().write("Hello, " + (name == null || name.isBlank() ? "World" : name) + "!\n");
    }
}
