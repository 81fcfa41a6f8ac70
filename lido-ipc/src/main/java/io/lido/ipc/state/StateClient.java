package io.lido.ipc.state;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One user of the {@link StateServer}: a worker connection, or the host's in-process applications. It holds
 * locks and waits for them; {@link #close()} (the connection went: a crash, a recycle) releases its locks and
 * ends its waits, while its sessions stay for the next worker. Thread-safe; no method blocks.
 */
public final class StateClient implements StateChannel, AutoCloseable {
    private final StateServer server;
    private final String name;
    /** Guarded by this: locks held and waits pending, so that {@link #close()} finds them all. */
    private final Map<Long, SessionLock> held = new HashMap<>();
    private final Set<LockWaiter> waiting = new HashSet<>();
    private boolean closed;

    StateClient(StateServer server, String name) {
        this.server = server;
        this.name = name;
    }

    @Override
    public CompletableFuture<StateGrant> acquire(String applicationKey, String sessionId, boolean exclusive,
                                                 Duration wait, Duration lockTimeout) {
        try {
            checkDurations(wait, lockTimeout);
        } catch (StateException e) {
            return CompletableFuture.failedFuture(e);
        }
        Instant now = server.clock().instant();
        ApplicationSessions application = server.existing(applicationKey);
        StoredSession session = application == null ? null : application.find(sessionId, now);
        if (session == null) {
            return CompletableFuture.completedFuture(null);
        }
        LockWaiter waiter = new LockWaiter(session, exclusive, this, lockTimeout);
        run(session.acquire(waiter, now));
        if (!waiter.future.isDone()) {
            waiter.timeout = server.timer().schedule(() -> run(session.cancel(waiter, new StateException(
                    StateException.Kind.LOCK_TIMEOUT, "session " + sessionId + " of application '" + applicationKey
                    + "' stayed locked by another request for " + wait.toMillis() + " ms"))),
                    wait.toMillis(), TimeUnit.MILLISECONDS);
        }
        return waiter.future;
    }

    @Override
    public CompletableFuture<StateGrant> create(String applicationKey, String sessionId, Duration timeout,
                                                boolean exclusive, Duration lockTimeout) {
        try {
            checkDurations(timeout, lockTimeout);
            if (timeout.isZero()) {
                throw new StateException(StateException.Kind.INVALID, "a session timeout must be positive");
            }
            Instant now = server.clock().instant();
            StoredSession session = server.application(applicationKey).create(sessionId, timeout, now);
            LockWaiter waiter = new LockWaiter(session, exclusive, this, lockTimeout);
            run(session.grantNew(waiter, now));
            return waiter.future;
        } catch (StateException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<Void> release(String applicationKey, String sessionId, long lockId, byte[] items,
                                           Duration timeout, boolean abandon) {
        try {
            checkDurations(timeout, Duration.ZERO);
            StoredSession session = lockedSession(applicationKey, sessionId, lockId);
            if (session == null) {
                throw new StateException(StateException.Kind.STALE_LOCK, "lock " + lockId + " of session "
                        + sessionId + " of application '" + applicationKey + "' is not held by " + name
                        + " (broken after its lock timeout, or the session was removed); the request's changes "
                        + "were dropped");
            }
            List<Runnable> done = new ArrayList<>(2);
            StateException refused = session.release(lockId, items, timeout, abandon, server.clock().instant(), done);
            run(done);
            return refused == null ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(refused);
        } catch (StateException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The session this client holds that lock on, or null. */
    private synchronized StoredSession lockedSession(String applicationKey, String sessionId, long lockId) {
        SessionLock lock = held.get(lockId);
        return lock != null && lock.session().id.equals(sessionId)
                && lock.session().application.key.equals(applicationKey) ? lock.session() : null;
    }

    /** Releases every lock this client holds and ends its waits; later requests fail as UNAVAILABLE. */
    @Override
    public void close() {
        List<SessionLock> locks;
        List<LockWaiter> waits;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            locks = List.copyOf(held.values());
            waits = List.copyOf(waiting);
        }
        Instant now = server.clock().instant();
        for (LockWaiter waiter : waits) {
            run(waiter.session.cancel(waiter, closedError()));
        }
        for (SessionLock lock : locks) {
            run(lock.session().forceRelease(lock, now));
        }
    }

    /** How many locks this client holds now. */
    public synchronized int locksHeld() {
        return held.size();
    }

    /** How many of this client's requests wait for a lock now. */
    synchronized int waitsPending() {
        return waiting.size();
    }

    // ---- called by StoredSession under the session's lock

    synchronized boolean holding(SessionLock lock) {
        if (closed) {
            return false;
        }
        held.put(lock.lockId(), lock);
        return true;
    }

    synchronized void notHolding(SessionLock lock) {
        held.remove(lock.lockId(), lock);
    }

    synchronized boolean waiting(LockWaiter waiter) {
        return !closed && waiting.add(waiter);
    }

    synchronized void notWaiting(LockWaiter waiter) {
        waiting.remove(waiter);
    }

    StateException closedError() {
        return new StateException(StateException.Kind.UNAVAILABLE, name + " is disconnected from the StateServer");
    }

    private static void run(List<Runnable> done) {
        for (Runnable completion : done) {
            completion.run();
        }
    }

    private static void checkDurations(Duration first, Duration second) {
        if (first.isNegative() || second.isNegative()) {
            throw new StateException(StateException.Kind.INVALID, "negative duration " + (first.isNegative()
                    ? first : second));
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
