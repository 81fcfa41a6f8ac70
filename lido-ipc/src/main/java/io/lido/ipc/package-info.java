/**
 * The narrow boundary between the listener and the runtime that executes applications.
 *
 * <p>The listener parses HTTP, routes a request to an application and hands it over as a
 * {@link io.lido.ipc.RequestHead} plus a {@link io.lido.ipc.RequestBody}; the runtime answers through a
 * {@link io.lido.ipc.ResponseChannel}. Everything that crosses this boundary is plain data (strings,
 * numbers, bytes), so the same exchange can be framed over a Unix domain socket to a worker process
 * (out-of-process hosting) or called directly (in-process hosting).
 */
package io.lido.ipc;
