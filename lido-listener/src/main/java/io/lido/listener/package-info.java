/**
 * Lido's listener, what HTTP.sys is to IIS: {@link io.lido.listener.HttpListener} owns the sockets of
 * every site binding and every client connection, parses HTTP/1.1, routes each request by binding
 * (IP:port:host) to a site and by longest virtual path to an application, enforces the listener-level
 * limits, and hands the request to the application's {@link io.lido.ipc.RequestDispatcher} found through
 * a {@link io.lido.listener.DispatcherResolver}. It never loads or runs application code, and it knows
 * only {@code io.lido.config} and {@code io.lido.ipc}.
 *
 * <p>Sub-packages: {@code codec} (the strict request decoder), {@code routing} (bindings, applications,
 * request-target normalisation, request limits), {@code connection} (one connection's exchanges,
 * request bodies, response framing, timers), {@code log} (the access and error log contracts).
 */
package io.lido.listener;
