package io.lido.runtime.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts the requests executing in one application domain, and closes the domain to new ones so that
 * its unload can wait for the count to drain.
 *
 * <p>{@link #tryEnter()} counts first and then checks {@code closed}; {@link #close()} sets
 * {@code closed} before anyone waits for the count. So either a request sees the domain closed and
 * backs out, or the unload sees its count and waits for it: no request runs in an unloaded domain.
 */
public final class InFlightRequests {
    private final AtomicInteger count = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private volatile boolean closed;

    /** Counts a request in; false (and not counted) once {@link #close()} was called. */
    public boolean tryEnter() {
        count.incrementAndGet();
        if (closed) {
            exit();
            return false;
        }
        return true;
    }

    /** Counts a request out (after a successful {@link #tryEnter()}). */
    public void exit() {
        if (count.decrementAndGet() == 0) {
            lock.lock();
            try {
                idle.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Refuses new requests from now on; those already counted keep running. */
    public void close() {
        closed = true;
    }

    public int count() {
        return count.get();
    }

    /** Waits until no request executes or the timeout passes; true when drained. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (count.get() > 0) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                // Bounded waits: exit() signals only on reaching zero, and a missed signal must not cost the whole timeout.
                idle.awaitNanos(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(50)));
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
