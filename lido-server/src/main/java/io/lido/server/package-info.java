/**
 * Lido's host process: the {@code lido} command ({@link io.lido.server.Main}) and
 * {@link io.lido.server.LidoServer}, which wires configuration, application runtimes, the listener and
 * the logs into one running server and takes it down gracefully.
 *
 * <p>Applications of {@code hostingModel="inProcess"} pools run inside this process; those of
 * {@code outOfProcess} pools run in worker JVMs supervised by {@link io.lido.activation.ActivationService},
 * behind the same {@link io.lido.ipc.RequestDispatcher} boundary that {@link io.lido.server.ApplicationHosts}
 * hands to the listener. This process never loads their classes.
 */
package io.lido.server;
