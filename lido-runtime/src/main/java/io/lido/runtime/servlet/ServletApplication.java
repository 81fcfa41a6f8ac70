package io.lido.runtime.servlet;

import io.lido.api.HttpHandler;

/**
 * One started web application: its handler executes requests (the runtime maps every request that no
 * {@code handlers} entry claims to it), its class loader is the application's (for the unload's leak checks).
 */
public interface ServletApplication {

    /** The mapped handler: runs the request through the servlet filters and servlets, blocking until it completes. */
    HttpHandler handler();

    /** The web application's class loader (WEB-INF/classes and WEB-INF/lib over Jakarta and the JDK). */
    ClassLoader classLoader();

    /** Stops the application ({@code contextDestroyed} runs) and closes its class loader. */
    void stop() throws Exception;
}
