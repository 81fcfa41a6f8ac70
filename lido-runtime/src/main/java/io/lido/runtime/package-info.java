/**
 * Lido's ASP.NET-style runtime: {@link io.lido.runtime.HttpRuntime} hosts one application (an
 * "application domain"), builds a context per request and runs it through the integrated pipeline.
 *
 * <pre>
 * listener ──dispatch(head, body, channel)──▶ HttpRuntime ──new virtual thread──▶ take a pooled instance
 *   look up the handler (handlers config)     picks the subscribers: managedHandler modules only
 *   BeginRequest … ResolveRequestCache …       for application handlers
 *   MapRequestHandler (handler assigned, subscribers may replace it)
 *   … PreRequestHandlerExecute ─▶ handler.processRequest ─▶ PostRequestHandlerExecute …
 *   LogRequest, PostLogRequest, EndRequest    (always run, also after completeRequest() or an error)
 *   error page for status ≥ 400 with no body  (httpErrors: detailed / generic / custom)
 *   head + body to the channel                (one head with Content-Length when it fit the buffer)
 *   instance back to the pool, then end
 * </pre>
 *
 * <p>PreSendRequestHeaders and PreSendRequestContent are raised when the head and the first body bytes
 * leave (on flush, buffer overflow, transmitFile or at the end). An exception raises Error, then the
 * Global class's {@code onError}; unless cleared, the response becomes the HttpException's status (its
 * headers kept) or 500 (500.19 for invalid configuration), and only the last three steps run.
 *
 * <p>The public types here are what the server and the built-in modules use: the runtime itself,
 * {@link io.lido.runtime.RequestContext} (the runtime's view of a request),
 * {@link io.lido.runtime.ModuleCatalog} (the built-in modules),
 * {@link io.lido.runtime.ApplicationStartException} and {@link io.lido.runtime.RestartReason}. The
 * domains of an application over time (restart on change, shadow copy, app_offline.htm) are in
 * {@code io.lido.runtime.domain}, sessions in {@code io.lido.runtime.session}, the application cache in
 * {@code io.lido.runtime.cache}; everything else lives in {@code io.lido.runtime.internal}.
 */
package io.lido.runtime;
