package io.lido.ipc.state;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The StateServer's operations as one caller sees them: a {@link StateClient} in the host, or a worker's
 * client over its connection to the host. Every operation is asynchronous so that the host never blocks an
 * event loop on a session lock; a request thread may simply wait for the future.
 *
 * <p>Failures complete the future exceptionally with a {@link StateException}.
 */
public interface StateChannel {

    /**
     * Locks a session and reads its items, waiting while a conflicting lock is held, up to {@code wait}.
     *
     * @param lockTimeout how long the lock may be held before the StateServer breaks it
     * @return completes with the grant, with null when no such session exists (or it expired or was abandoned
     *         meanwhile), or with {@link StateException.Kind#LOCK_TIMEOUT}
     */
    CompletableFuture<StateGrant> acquire(String applicationKey, String sessionId, boolean exclusive, Duration wait,
                                          Duration lockTimeout);

    /**
     * Creates an empty session, locked as asked.
     *
     * @return completes with the grant, or with {@link StateException.Kind#EXISTS} or
     *         {@link StateException.Kind#LIMIT}
     */
    CompletableFuture<StateGrant> create(String applicationKey, String sessionId, Duration timeout, boolean exclusive,
                                         Duration lockTimeout);

    /**
     * Releases a lock and renews the session's sliding timeout.
     *
     * @param items   the new encoded items (exclusive locks only), or null to keep them
     * @param abandon true to remove the session
     * @return completes when done, or with {@link StateException.Kind#STALE_LOCK} (the lock was broken; nothing
     *         was changed), {@link StateException.Kind#LIMIT} (the items were too big; the lock is released and
     *         the old items kept) or {@link StateException.Kind#INVALID}
     */
    CompletableFuture<Void> release(String applicationKey, String sessionId, long lockId, byte[] items,
                                    Duration timeout, boolean abandon);
}
