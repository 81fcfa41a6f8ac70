/**
 * Lido's host process: the {@code lido} command ({@link io.lido.server.Main}) and
 * {@link io.lido.server.LidoServer}, which wires configuration, application runtimes, the listener and
 * the logs into one running server and takes it down gracefully.
 *
 * <p>Applications of every pool run inside this process for now ({@code hostingModel="inProcess"});
 * worker processes come next, behind the same {@link io.lido.ipc.RequestDispatcher} boundary that
 * {@link io.lido.server.ApplicationHosts} hands to the listener.
 */
package io.lido.server;
