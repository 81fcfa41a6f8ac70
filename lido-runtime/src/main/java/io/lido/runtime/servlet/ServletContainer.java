package io.lido.runtime.servlet;

/**
 * A servlet container that can run a web application inside a Lido domain (the {@code lido-servlet} module
 * provides Jetty's). Found with {@link java.util.ServiceLoader}; one instance serves every application of a process.
 */
public interface ServletContainer {

    /**
     * Starts one web application from its unpacked folder: its class loader, descriptors, annotations,
     * initializers and listeners ({@code contextInitialized}) run now, on the calling thread.
     *
     * @throws Exception when the application cannot start (its listener threw, web.xml is invalid, or it asks for
     *                   what Lido refuses, such as security constraints); nothing of it keeps running then
     */
    ServletApplication deploy(WebApplicationSpec spec) throws Exception;
}
