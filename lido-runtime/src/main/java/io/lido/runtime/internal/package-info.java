/**
 * The runtime's implementation: the application classloader, pooled application instances with their
 * compiled event subscribers, the pipeline, handler mapping, the request/response objects over the
 * {@code io.lido.ipc} exchange, and the IIS-style error pages.
 *
 * <p>Threading: every request runs on its own virtual thread; an {@code ApplicationInstance} and the
 * context, request and response objects are used by that one thread only. Application-wide objects
 * ({@code ApplicationDomain}, {@code HandlerMap}, {@code ApplicationStateStore}) are thread-safe.
 */
package io.lido.runtime.internal;
