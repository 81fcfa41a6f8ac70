package io.lido.ipc.state;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/** A request waiting for a session lock; completed once, by a grant, a time-out, a removal or a close. */
final class LockWaiter {
    final StoredSession session;
    final boolean exclusive;
    final StateClient owner;
    final Duration lockTimeout;
    final CompletableFuture<StateGrant> future = new CompletableFuture<>();
    /** The wait's time-out; cancelled when the lock is granted. */
    volatile Future<?> timeout;

    LockWaiter(StoredSession session, boolean exclusive, StateClient owner, Duration lockTimeout) {
        this.session = session;
        this.exclusive = exclusive;
        this.owner = owner;
        this.lockTimeout = lockTimeout;
    }

    void cancelTimeout() {
        Future<?> task = timeout;
        if (task != null) {
            task.cancel(false);
        }
    }
}
