package io.lido.listener.connection;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The connection timers of HTTP.sys: {@code Timer_ConnectionIdle} (the site's
 * {@code limits/@connectionTimeout} with no request started), {@code Timer_HeaderWait} (a head started
 * but not complete) and {@code Timer_EntityBody} (a body that stopped arriving for connectionTimeout
 * while the application waits for it). One scheduled task per connection is re-armed lazily: moving the deadline
 * is a field write, so a keep-alive request costs no scheduling.
 */
final class ConnectionTimer {
    static final String IDLE = "Timer_ConnectionIdle";
    static final String HEADER_WAIT = "Timer_HeaderWait";
    static final String ENTITY_BODY = "Timer_EntityBody";
    static final String MIN_SEND_RATE = "Timer_MinBytesPerSecond";

    private final Http1Connection connection;
    private long idleNanos;
    private final long headerWaitNanos;
    private long deadline;
    private String reason;
    private ScheduledFuture<?> task;
    private long taskAt;

    ConnectionTimer(Http1Connection connection, Duration idle, Duration headerWait) {
        this.connection = connection;
        this.idleNanos = idle.toNanos();
        this.headerWaitNanos = headerWait.toNanos();
    }

    /** From now on idle periods use this site's connectionTimeout (the site of the last request). */
    void siteTimeout(Duration idle) {
        this.idleNanos = idle.toNanos();
    }

    void idle(EventExecutor executor) {
        arm(executor, IDLE, idleNanos);
    }

    /** Starts the header-wait clock, unless it is already running for this head. */
    void headerWait(EventExecutor executor) {
        if (!HEADER_WAIT.equals(reason)) {
            arm(executor, HEADER_WAIT, headerWaitNanos);
        }
    }

    /** (Re)starts the body clock: called when a body starts and on every body byte received. */
    void entityBody(EventExecutor executor) {
        arm(executor, ENTITY_BODY, idleNanos);
    }

    void stop() {
        deadline = 0;
        reason = null;
    }

    private void arm(EventExecutor executor, String why, long nanos) {
        if (nanos <= 0) {
            stop();
            return;
        }
        reason = why;
        deadline = System.nanoTime() + nanos;
        if (task != null && taskAt - deadline > 0) {
            task.cancel(false);
            task = null;
        }
        if (task == null) {
            schedule(executor, nanos);
        }
    }

    /** Stops for good (the connection closed), so no task keeps it reachable. */
    void cancel() {
        stop();
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    private void schedule(EventExecutor executor, long nanos) {
        taskAt = System.nanoTime() + nanos;
        task = executor.schedule(() -> fire(executor), nanos, TimeUnit.NANOSECONDS);
    }

    private void fire(EventExecutor executor) {
        task = null;
        if (reason == null) {
            return;
        }
        long left = deadline - System.nanoTime();
        if (left > 0) {
            schedule(executor, left);
        } else {
            connection.expired(reason);
        }
    }
}
