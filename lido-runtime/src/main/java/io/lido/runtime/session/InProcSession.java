package io.lido.runtime.session;

import io.lido.config.TimeSpans;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One session of an {@link InProcSessionStore}: its items and a reader/writer lock that belongs to a lock
 * id rather than a thread, so a request may release it from any thread and a broken lock's late release
 * is recognised. Waiting writers hold back new readers, so a stream of read-only requests cannot starve a
 * writing one.
 */
final class InProcSession {
    /** How often a waiter looks again at the clock, to break a lock the clock says is too old. */
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final String id;
    private final ReentrantLock guard = new ReentrantLock();
    private final Condition changed = guard.newCondition();
    private Map<String, Object> items = new HashMap<>();
    private Duration timeout;
    private long lastAccess;
    private long writer;
    private long writerSince;
    /** Shared locks: lock id to when it was granted. */
    private final Map<Long, Long> readers = new HashMap<>(4);
    private int waiting;
    private int waitingWriters;
    private boolean removed;

    InProcSession(String id, Duration timeout, long now) {
        this.id = id;
        this.timeout = timeout;
        this.lastAccess = now;
    }

    String id() {
        return id;
    }

    /** Why a lock wait ended without a lease. */
    enum Outcome { REMOVED, EXPIRED }

    /**
     * Waits for the lock and grants it.
     *
     * @return the lease, or an {@link Outcome} when the session is gone or had expired
     */
    Object lock(boolean exclusive, Duration wait, Clock clock, Duration lockTimeout, AtomicLong lockIds)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        guard.lock();
        try {
            if (!removed && isIdle() && isExpired(clock.millis())) {
                removed = true;
                return Outcome.EXPIRED;
            }
            waiting++;
            if (exclusive) {
                waitingWriters++;
            }
            try {
                while (true) {
                    if (removed) {
                        return Outcome.REMOVED;
                    }
                    long now = clock.millis();
                    breakExpiredLocks(now, lockTimeout);
                    boolean free = exclusive ? writer == 0 && readers.isEmpty() : writer == 0 && waitingWriters == 0;
                    if (free) {
                        return grant(exclusive, now, lockIds.incrementAndGet());
                    }
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        throw new SessionLockTimeoutException("session " + id + " was locked by another request for longer"
                                + " than " + TimeSpans.format(wait));
                    }
                    changed.awaitNanos(Math.min(remaining, RECHECK_NANOS));
                }
            } finally {
                waiting--;
                if (exclusive) {
                    waitingWriters--;
                    // Readers held back by this writer may go now.
                    changed.signalAll();
                }
            }
        } finally {
            guard.unlock();
        }
    }

    /** A new session's first lock, granted before anyone else can see the session. */
    SessionLease lockNew(boolean exclusive, long now, long lockId) {
        guard.lock();
        try {
            return grant(exclusive, now, lockId);
        } finally {
            guard.unlock();
        }
    }

    private SessionLease grant(boolean exclusive, long now, long lockId) {
        if (exclusive) {
            writer = lockId;
            writerSince = now;
        } else {
            readers.put(lockId, now);
        }
        lastAccess = now;
        return new SessionLease(id, lockId, exclusive, new HashMap<>(items), timeout, false);
    }

    /**
     * Releases a lock and applies the update.
     *
     * @return false when the lock was no longer held (it had been broken): nothing was applied
     */
    boolean release(SessionLease lease, SessionUpdate update, long now) {
        guard.lock();
        try {
            if (lease.exclusive() ? writer != lease.lockId() : readers.remove(lease.lockId()) == null) {
                return false;
            }
            if (lease.exclusive()) {
                writer = 0;
                if (update.items() != null) {
                    items = new HashMap<>(update.items());
                }
            }
            timeout = update.timeout();
            lastAccess = now;
            if (update.abandon()) {
                removed = true;
            }
            changed.signalAll();
            return true;
        } finally {
            guard.unlock();
        }
    }

    /** Marks the session removed when it expired and nobody holds or waits for it; true when it did. */
    boolean expireIfIdle(long now) {
        guard.lock();
        try {
            if (!removed && isIdle() && isExpired(now)) {
                removed = true;
                return true;
            }
            return false;
        } finally {
            guard.unlock();
        }
    }

    /** The items, for Session_End (the session is removed, so nobody changes them any more). */
    Map<String, Object> items() {
        guard.lock();
        try {
            return items;
        } finally {
            guard.unlock();
        }
    }

    Duration timeout() {
        guard.lock();
        try {
            return timeout;
        } finally {
            guard.unlock();
        }
    }

    private boolean isIdle() {
        return writer == 0 && readers.isEmpty() && waiting == 0;
    }

    private boolean isExpired(long now) {
        return now - lastAccess >= timeout.toMillis();
    }

    /** ASP.NET breaks a lock held longer than executionTimeout: its request is presumed lost. */
    private void breakExpiredLocks(long now, Duration lockTimeout) {
        long limit = lockTimeout.toMillis();
        if (writer != 0 && now - writerSince >= limit) {
            InProcSessionStore.LOG.warn("Session {}: breaking the exclusive lock held since {} ms ago (lock timeout {})",
                    id, now - writerSince, TimeSpans.format(lockTimeout));
            writer = 0;
        }
        if (!readers.isEmpty() && readers.values().removeIf(since -> now - since >= limit)) {
            InProcSessionStore.LOG.warn("Session {}: broke shared lock(s) held longer than the lock timeout {}",
                    id, TimeSpans.format(lockTimeout));
        }
    }
}
