/**
 * Jakarta Servlet 6.1 web applications on Jetty 12's ee11 servlet layer, embedded in the process that hosts the
 * application's domain (the worker, or the host for an in-process pool) and fed straight from Lido's exchange:
 *
 * <pre>
 * Lido pipeline ── mapped handler: {@link io.lido.servlet.ServletContainerHandler} ── one {@link io.lido.servlet.ExchangeStream}
 *   (Jetty's HttpStream) per request ── HttpChannel.onRequest(MetaData.Request from Lido's parsed head) ── Jetty's
 *   Server ── WebAppContext (filters, servlets) ── HttpStream.send(...) ── Lido's HttpResponse (its output: the
 *   listener frames it, modules such as custom headers and custom errors see it)
 * </pre>
 *
 * <p>Jetty never opens a socket and never parses HTTP: its only connector ({@link io.lido.servlet.ExchangeConnector})
 * accepts nothing. One Jetty {@code Server} per domain generation, so a redeploy replaces everything of the old one.
 */
package io.lido.servlet;
