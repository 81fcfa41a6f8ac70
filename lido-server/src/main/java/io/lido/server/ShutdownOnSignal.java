package io.lido.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Stops a server gracefully when the JVM is asked to exit (SIGINT, SIGTERM, or System.exit), through a
 * shutdown hook.
 *
 * <p>A signal is the normal way to stop Lido, so a graceful stop ends the process with status 0: the JVM
 * would otherwise report 130/143 for a signal. The hook therefore halts with 0 once the server has
 * stopped cleanly, and with 1 when stopping failed.
 */
final class ShutdownOnSignal {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownOnSignal.class);

    private ShutdownOnSignal() {
    }

    /**
     * {@code onSignal} runs first (systemd hears STOPPING=1); {@code beforeHalt} runs after the server has stopped,
     * just before the JVM halts.
     */
    static void install(LidoServer server, Duration drainTimeout, Runnable onSignal, Runnable beforeHalt) {
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("lido-shutdown").unstarted(() -> {
            int status = 0;
            try {
                onSignal.run();
            } catch (RuntimeException e) {
                LOG.warn("Announcing the stop failed", e);
            }
            try {
                server.stop(drainTimeout);
            } catch (RuntimeException e) {
                LOG.error("Lido did not stop cleanly", e);
                status = 1;
            }
            System.out.flush();
            System.err.flush();
            beforeHalt.run();
            Runtime.getRuntime().halt(status);
        }));
    }
}
