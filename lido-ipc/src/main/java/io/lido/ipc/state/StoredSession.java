package io.lido.ipc.state;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One session in the StateServer: its encoded items, sliding timeout and ASP.NET-style lock — many shared
 * holders or one exclusive holder, tokens not tied to a thread, waiters served first come first served (a
 * waiting writer keeps later readers out, so writers do not starve).
 *
 * <p>Every method synchronises on the session; futures are completed by the caller after the lock is left
 * (the {@code List<Runnable>} results), so that what a completion runs never executes inside it.
 */
final class StoredSession {
    private static final Logger LOG = LoggerFactory.getLogger(StoredSession.class);

    final String id;
    final ApplicationSessions application;
    private byte[] items;
    private Duration timeout;
    private Instant lastAccess;
    private SessionLock writer;
    private final Map<Long, SessionLock> readers = new HashMap<>(2);
    private final Deque<LockWaiter> waiters = new ArrayDeque<>(2);
    private boolean removed;

    StoredSession(String id, ApplicationSessions application, byte[] items, Duration timeout, Instant now) {
        this.id = id;
        this.application = application;
        this.items = items;
        this.timeout = timeout;
        this.lastAccess = now;
    }

    /** Grants a lock at once when nothing conflicts and nobody waits; otherwise queues the waiter. */
    synchronized List<Runnable> acquire(LockWaiter waiter, Instant now) {
        List<Runnable> done = new ArrayList<>(1);
        if (removed) {
            done.add(() -> waiter.future.complete(null));
            return done;
        }
        breakExpired(now, done);
        if (waiters.isEmpty() && compatible(waiter.exclusive)) {
            grant(waiter, now, false, done);
        } else if (waiter.owner.waiting(waiter)) {
            waiters.addLast(waiter);
        } else {
            done.add(() -> waiter.future.completeExceptionally(waiter.owner.closedError()));
        }
        return done;
    }

    /** The lock of a freshly created session, before anyone else can see it. */
    synchronized List<Runnable> grantNew(LockWaiter waiter, Instant now) {
        List<Runnable> done = new ArrayList<>(1);
        grant(waiter, now, true, done);
        return done;
    }

    /** A waiter gave up (time-out, its connection closed): it leaves the queue unless it was granted already. */
    synchronized List<Runnable> cancel(LockWaiter waiter, Throwable why) {
        List<Runnable> done = new ArrayList<>(2);
        if (waiters.remove(waiter)) {
            waiter.owner.notWaiting(waiter);
            waiter.cancelTimeout();
            done.add(() -> waiter.future.completeExceptionally(why));
            // A writer that gave up may have been what kept readers behind it waiting.
            grantWaiters(application.server.clock().instant(), done);
        }
        return done;
    }

    /**
     * Releases a lock: applies the update (exclusive holders), renews the timeout, grants waiters.
     *
     * @return null, or why the new items were refused (LIMIT: the lock is released all the same and the old
     *         items kept)
     * @throws StateException STALE_LOCK when the lock is not held, INVALID for items on a shared lock (the lock
     *                        is then still held)
     */
    synchronized StateException release(long lockId, byte[] newItems, Duration newTimeout, boolean abandon,
                                        Instant now, List<Runnable> done) {
        SessionLock lock = writer != null && writer.lockId() == lockId ? writer : readers.get(lockId);
        if (lock == null || removed) {
            throw new StateException(StateException.Kind.STALE_LOCK, "lock " + lockId + " of session " + id
                    + " of application '" + application.key + "' is not held (broken after its lock timeout, or the "
                    + "session was removed); the request's changes were dropped");
        }
        if (newItems != null && !lock.exclusive()) {
            throw new StateException(StateException.Kind.INVALID, "a read-only (shared) lock of session " + id
                    + " cannot change its items");
        }
        StateException refused = null;
        if (newItems != null && !abandon) {
            try {
                application.resize(id, items.length, newItems.length);
                items = newItems;
            } catch (StateException e) {
                refused = e;
            }
        }
        unlock(lock);
        timeout = newTimeout;
        lastAccess = now;
        if (abandon) {
            remove(done);
        } else {
            grantWaiters(now, done);
        }
        return refused;
    }

    /** The owner's connection went: its lock goes, the session stays. */
    synchronized List<Runnable> forceRelease(SessionLock lock, Instant now) {
        List<Runnable> done = new ArrayList<>(1);
        if (writer == lock || readers.get(lock.lockId()) == lock) {
            unlock(lock);
            lastAccess = now;
            grantWaiters(now, done);
        }
        return done;
    }

    /**
     * The sweeper's visit: breaks locks held past their lock timeout, and removes the session when it has
     * been idle longer than its timeout.
     *
     * @return true when the session expired and was removed
     */
    synchronized boolean sweep(Instant now, List<Runnable> done) {
        if (removed) {
            return true;
        }
        breakExpired(now, done);
        if (writer == null && readers.isEmpty() && !now.isBefore(lastAccess.plus(timeout))) {
            remove(done);
            return true;
        }
        return false;
    }

    /** Whether the session is idle past its timeout (acquire treats it as gone). */
    synchronized boolean expired(Instant now) {
        return removed || (writer == null && readers.isEmpty() && !now.isBefore(lastAccess.plus(timeout)));
    }

    private void breakExpired(Instant now, List<Runnable> done) {
        boolean broke = false;
        if (writer != null && !now.isBefore(writer.breakAt())) {
            logBreak(writer, now);
            unlock(writer);
            broke = true;
        }
        if (!readers.isEmpty()) {
            for (SessionLock reader : List.copyOf(readers.values())) {
                if (!now.isBefore(reader.breakAt())) {
                    logBreak(reader, now);
                    unlock(reader);
                    broke = true;
                }
            }
        }
        if (broke) {
            grantWaiters(now, done);
        }
    }

    private void logBreak(SessionLock lock, Instant now) {
        LOG.warn("StateServer broke the {} lock {} of session {} of application '{}' held by {} for {} ms "
                        + "(longer than its lock timeout)", lock.exclusive() ? "exclusive" : "shared", lock.lockId(),
                id, application.key, lock.owner(), Duration.between(lock.granted(), now).toMillis());
    }

    private boolean compatible(boolean exclusive) {
        return writer == null && (!exclusive || readers.isEmpty());
    }

    private void grantWaiters(Instant now, List<Runnable> done) {
        while (!waiters.isEmpty() && compatible(waiters.peekFirst().exclusive)) {
            LockWaiter next = waiters.pollFirst();
            next.owner.notWaiting(next);
            grant(next, now, false, done);
        }
    }

    private void grant(LockWaiter waiter, Instant now, boolean isNew, List<Runnable> done) {
        SessionLock lock = new SessionLock(this, application.server.nextLockId(), waiter.exclusive, waiter.owner, now,
                now.plus(waiter.lockTimeout));
        if (!waiter.owner.holding(lock)) {
            done.add(() -> waiter.future.completeExceptionally(waiter.owner.closedError()));
            return;
        }
        if (lock.exclusive()) {
            writer = lock;
        } else {
            readers.put(lock.lockId(), lock);
        }
        waiter.cancelTimeout();
        StateGrant grant = new StateGrant(id, lock.lockId(), lock.exclusive(), items, timeout, isNew);
        done.add(() -> {
            if (!waiter.future.complete(grant)) {
                // Completed meanwhile (an interrupted caller); give the lock back rather than leak it.
                waiter.owner.release(application.key, id, grant.lockId(), null, grant.timeout(), false);
            }
        });
    }

    private void unlock(SessionLock lock) {
        if (writer == lock) {
            writer = null;
        } else {
            readers.remove(lock.lockId());
        }
        lock.owner().notHolding(lock);
    }

    private void remove(List<Runnable> done) {
        removed = true;
        application.removed(this, items.length);
        for (LockWaiter waiter : waiters) {
            waiter.owner.notWaiting(waiter);
            waiter.cancelTimeout();
            done.add(() -> waiter.future.complete(null));
        }
        waiters.clear();
    }
}
