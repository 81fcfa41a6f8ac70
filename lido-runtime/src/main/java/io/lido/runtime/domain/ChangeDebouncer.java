package io.lido.runtime.domain;

import io.lido.runtime.RestartReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Turns a burst of change notifications into one restart: the action runs once the changes have been
 * quiet for {@code quietPeriod}, or {@code maxWait} after the first change of the burst when they never
 * stop (a deployment copying 50 files restarts once). Changes that arrive while the action runs start
 * the next burst. The action runs on the debouncer's own virtual thread. Times are read from the
 * injected clock; the waits between checks are real time.
 */
final class ChangeDebouncer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeDebouncer.class);

    private final Clock clock;
    private final long quietMillis;
    private final long maxWaitMillis;
    private final Consumer<RestartReason> action;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Thread thread;
    private RestartReason pending;
    private long firstAt;
    private long lastAt;
    private boolean closed;

    ChangeDebouncer(Clock clock, Duration quietPeriod, Duration maxWait, Consumer<RestartReason> action, String name) {
        this.clock = clock;
        this.quietMillis = quietPeriod.toMillis();
        this.maxWaitMillis = Math.max(quietMillis, maxWait.toMillis());
        this.action = action;
        this.thread = Thread.ofVirtual().name("lido-changes " + name).unstarted(this::run);
        thread.setContextClassLoader(ChangeDebouncer.class.getClassLoader());
        thread.start();
    }

    /** Records a change; the restart it causes names the weightiest reason of the burst. */
    void changed(RestartReason reason) {
        lock.lock();
        try {
            long now = clock.millis();
            if (pending == null) {
                pending = reason;
                firstAt = now;
            } else if (reason.compareTo(pending) < 0) {
                // Declaration order is weight: a configuration change says more than a bin change.
                pending = reason;
            }
            lastAt = now;
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Stops the thread; a pending change is dropped. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            pending = null;
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        RestartReason due;
        while ((due = awaitDue()) != null) {
            try {
                action.accept(due);
            } catch (RuntimeException e) {
                LOG.error("Restart after a file change ({}) failed", due.logText(), e);
            }
        }
    }

    /** Blocks until a burst is due, then takes it; null once closed. */
    private RestartReason awaitDue() {
        lock.lock();
        try {
            while (!closed) {
                if (pending == null) {
                    changed.awaitUninterruptibly();
                    continue;
                }
                long now = clock.millis();
                long dueAt = Math.min(lastAt + quietMillis, firstAt + maxWaitMillis);
                if (now >= dueAt) {
                    RestartReason reason = pending;
                    pending = null;
                    return reason;
                }
                try {
                    changed.await(dueAt - now, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return null;
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }
}
