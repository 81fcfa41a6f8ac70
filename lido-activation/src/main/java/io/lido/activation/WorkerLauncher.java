package io.lido.activation;

import io.lido.config.ApplicationPoolConfig;
import io.lido.config.ServerConfig;

import java.nio.file.Path;

/** Starts worker processes for pools. */
@FunctionalInterface
public interface WorkerLauncher {

    /**
     * Starts one worker for a pool. Returns as soon as the process exists; it becomes usable when
     * {@link WorkerProcess#ready()} completes.
     *
     * @param ordinal a number unique within the pool for this host run (names the socket)
     * @throws RuntimeException when the process cannot be started (the pool counts a failure)
     */
    WorkerProcess launch(ApplicationPoolConfig pool, int ordinal);

    /**
     * Hands over the configuration the host loaded (at start, and after each valid change of the file): the workers
     * launched from then on run with it. Launchers whose workers need no configuration ignore it.
     */
    default void configure(ServerConfig config) {
    }

    /**
     * Whether the next worker of this pool would have to train its JVM's AOT cache: none is kept yet and no
     * worker trains it now. Launchers without AOT caches say no.
     */
    default boolean needsAotTraining(ApplicationPoolConfig pool) {
        return false;
    }

    /**
     * Creates or checks what the pool's workers need on disk before any starts (at host start).
     *
     * @throws RuntimeException when that cannot be done safely (a folder another user owns or can write)
     */
    default void prepare(ApplicationPoolConfig pool) {
    }

    /**
     * The file a worker's output goes to, for messages that send the operator there ({@code lido recycle app});
     * null when this launcher keeps none.
     */
    default Path workerLog(ApplicationPoolConfig pool, long pid) {
        return null;
    }
}
