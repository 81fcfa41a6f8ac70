package io.lido.listener.connection;

import io.lido.listener.ListenerOptions;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The connection timers of HTTP.sys, each logged with its httperr reason when it ends a connection:
 * <ul>
 *   <li>{@code Timer_HeaderWait}: a connection that has sent nothing since it was accepted (unless the
 *       idle time of every site on its endpoint is shorter), or a request head that started and is not
 *       complete (webLimits {@code headerWaitTimeout});</li>
 *   <li>{@code Timer_ConnectionIdle}: a keep-alive connection with no request between two (the site's
 *       {@code limits/@connectionTimeout}, at most webLimits {@code connectionTimeout}); it runs only once the
 *       last response has been sent to the last byte: a response still going out is never idle;</li>
 *   <li>{@code Timer_EntityBody}: a request body that stopped arriving, while the listener waits for it;</li>
 *   <li>{@code Timer_MinBytesPerSecond}: a request body that arrives, or a response that the client reads,
 *       slower than webLimits {@code minBytesPerSecond} on average, with one entity-body timeout of slack;</li>
 *   <li>{@code Timer_DrainEntityBody}: the unread rest of a body, discarded after its response, still arriving.</li>
 * </ul>
 * The receive side (one of header wait, idle, entity body, drain) and the send side (a response being
 * sent) run at the same time and share one scheduled task per connection, which is re-armed lazily: moving
 * a deadline later is a field write, so a keep-alive request costs no scheduling. Event-loop confined.
 */
final class ConnectionTimer {
    static final String IDLE = "Timer_ConnectionIdle";
    static final String HEADER_WAIT = "Timer_HeaderWait";
    static final String ENTITY_BODY = "Timer_EntityBody";
    static final String DRAIN_ENTITY_BODY = "Timer_DrainEntityBody";
    static final String MIN_BYTES_PER_SECOND = "Timer_MinBytesPerSecond";

    /** What the send side asks the connection: bytes taken by the client so far, and whether more wait. */
    interface Output {
        long bytesSent();

        boolean pending();

        /** A timer ran out: log {@code reason} and close without an answer. */
        void expired(String reason);
    }

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Output output;
    private final ListenerOptions options;
    private final long headerWaitNanos;
    private long idleNanos;
    private long entityBodyNanos;
    private long drainNanos;

    // receive side: reason null = off
    private String reason;
    private long deadline;
    private long lastBodyAt;

    // send side
    private boolean sending;
    private long sendDeadline;
    private long sentSeen;

    private ScheduledFuture<?> task;
    private long taskAt;
    private EventExecutor executor;

    /**
     * @param endpointTimeout the largest {@code connectionTimeout} of the sites on the connection's endpoint,
     *                        until a request names its site
     */
    ConnectionTimer(Output output, ListenerOptions options, Duration endpointTimeout) {
        this.output = output;
        this.options = options;
        this.headerWaitNanos = options.headerWaitTimeout().toNanos();
        siteTimeout(endpointTimeout);
    }

    /** From now on the timers use this site's {@code limits/@connectionTimeout} (the site of the last request). */
    void siteTimeout(Duration connectionTimeout) {
        long site = connectionTimeout.toNanos();
        long cap = options.idleTimeout().toNanos();
        this.idleNanos = cap > 0 ? Math.min(site, cap) : site;
        this.entityBodyNanos = orSite(options.entityBodyTimeout(), site);
        this.drainNanos = orSite(options.drainEntityBodyTimeout(), site);
    }

    private static long orSite(Duration setting, long site) {
        return setting.isZero() ? site : setting.toNanos();
    }

    /**
     * A new connection: it has the header-wait time to send its first request, not the longest idle time of
     * the sites on its endpoint; when every one of those is shorter, that one (it is idle, then).
     */
    void accepted(EventExecutor loop) {
        if (idleNanos > 0 && idleNanos < headerWaitNanos) {
            arm(loop, IDLE, idleNanos);
        } else {
            arm(loop, HEADER_WAIT, headerWaitNanos);
        }
    }

    /** Between two requests of a keep-alive connection. */
    void idle(EventExecutor loop) {
        arm(loop, IDLE, idleNanos);
    }

    /** Starts the header-wait clock, unless it is already running for this head. */
    void headerWait(EventExecutor loop) {
        if (!HEADER_WAIT.equals(reason)) {
            arm(loop, HEADER_WAIT, headerWaitNanos);
        }
    }

    /**
     * (Re)starts the body clocks: when a body starts, and when the listener reads it again after the
     * application was the slow side (the rate is measured from here).
     */
    void bodyStarted(EventExecutor loop) {
        lastBodyAt = System.nanoTime();
        arm(loop, ENTITY_BODY, entityBodyNanos);
    }

    /** {@code bytes} of body arrived: the entity-body clock restarts, the rate earns its credit. */
    void bodyReceived(EventExecutor loop, int bytes) {
        if (!ENTITY_BODY.equals(reason)) {
            return;
        }
        long now = System.nanoTime();
        lastBodyAt = now;
        long rate = options.minBytesPerSecond();
        long next = rate > 0 ? Math.min(deadline + bytes * NANOS_PER_SECOND / rate, now + entityBodyNanos)
                : now + entityBodyNanos;
        moveDeadline(loop, next);
    }

    /** The response is out but its body is not all read: the rest is drained for at most the drain time. */
    void draining(EventExecutor loop) {
        arm(loop, DRAIN_ENTITY_BODY, drainNanos);
    }

    /** Stops the receive side (a request is being handled, or the connection is closing). */
    void stop() {
        reason = null;
    }

    /**
     * Output is waiting for the client (the socket is not writable, or a response ended with bytes still
     * queued): from now until it has all gone, the client must read at the minimum rate.
     */
    void watchOutput(EventExecutor loop) {
        if (sending || entityBodyNanos <= 0) {
            return;
        }
        sending = true;
        sentSeen = output.bytesSent();
        sendDeadline = System.nanoTime() + entityBodyNanos;
        schedule(loop, sendDeadline);
    }

    /** Stops for good (the connection closed), so no task keeps it reachable. */
    void cancel() {
        reason = null;
        sending = false;
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    private void arm(EventExecutor loop, String why, long nanos) {
        if (nanos <= 0) {
            stop();
            return;
        }
        reason = why;
        moveDeadline(loop, System.nanoTime() + nanos);
    }

    private void moveDeadline(EventExecutor loop, long at) {
        deadline = at;
        schedule(loop, at);
    }

    /** Makes sure the task runs no later than {@code at}. */
    private void schedule(EventExecutor loop, long at) {
        executor = loop;
        if (task != null && taskAt - at > 0) {
            task.cancel(false);
            task = null;
        }
        if (task == null) {
            taskAt = at;
            task = loop.schedule(this::fire, Math.max(0, at - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    private void fire() {
        task = null;
        long now = System.nanoTime();
        if (sending && now - sendDeadline >= 0 && checkOutput(now)) {
            return;
        }
        if (reason != null && now - deadline >= 0) {
            if (IDLE.equals(reason) && sending) {
                deadline = now + idleNanos; // not idle while a response is still going out
            } else {
                String why = reason;
                if (ENTITY_BODY.equals(why) && now - lastBodyAt < entityBodyNanos) {
                    why = MIN_BYTES_PER_SECOND; // bytes came, too few
                }
                reason = null;
                sending = false;
                output.expired(why);
                return;
            }
        }
        long next = Long.MAX_VALUE;
        boolean any = false;
        if (reason != null) {
            next = deadline;
            any = true;
        }
        if (sending && (!any || sendDeadline - next < 0)) {
            next = sendDeadline;
            any = true;
        }
        if (any) {
            schedule(executor, next);
        }
    }

    /** The send deadline passed: credit what the client read since; true when the connection was ended. */
    private boolean checkOutput(long now) {
        if (!output.pending()) {
            sending = false;
            if (IDLE.equals(reason)) {
                deadline = now + idleNanos; // idle from the last byte sent
            }
            return false;
        }
        long sent = output.bytesSent();
        long delta = sent - sentSeen;
        sentSeen = sent;
        long rate = options.minBytesPerSecond();
        if (rate > 0) {
            sendDeadline = Math.min(sendDeadline + delta * NANOS_PER_SECOND / rate, now + entityBodyNanos);
        } else if (delta > 0) {
            sendDeadline = now + entityBodyNanos;
        }
        if (now - sendDeadline >= 0) {
            sending = false;
            reason = null;
            output.expired(MIN_BYTES_PER_SECOND);
            return true;
        }
        return false;
    }
}
