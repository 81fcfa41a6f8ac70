/**
 * Lido's ASP.NET-style runtime: {@link io.lido.runtime.HttpRuntime} hosts one application (an
 * "application domain"), builds a context per request and runs it through the integrated pipeline.
 *
 * <p>The public types here are what the server and the built-in modules use: the runtime itself,
 * {@link io.lido.runtime.RequestContext} (the runtime's view of a request) and
 * {@link io.lido.runtime.ModuleCatalog} (the built-in modules). Everything else lives in
 * {@code io.lido.runtime.internal}.
 */
package io.lido.runtime;
