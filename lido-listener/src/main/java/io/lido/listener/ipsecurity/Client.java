package io.lido.listener.ipsecurity;

import java.util.concurrent.atomic.AtomicLong;

/** One client's requests in flight and its requests in the current interval (a fixed window). Thread-safe. */
public final class Client {
    private final AtomicLong inFlight = new AtomicLong();
    private long windowStart = Long.MIN_VALUE;
    private long inWindow;

    Client() {
    }

    /** Counts a request arriving at {@code nowMillis}; returns how many arrived in its interval, itself included. */
    synchronized long countRequest(long nowMillis, long intervalMillis) {
        if (windowStart == Long.MIN_VALUE || nowMillis - windowStart >= intervalMillis) {
            windowStart = nowMillis;
            inWindow = 0;
        }
        return ++inWindow;
    }

    /** A request starts: returns how many are in flight now, itself included. */
    long enter() {
        return inFlight.incrementAndGet();
    }

    /** A request counted by {@link #enter()} ended. */
    public void leave() {
        inFlight.decrementAndGet();
    }

    /** Requests in flight. */
    public long inFlight() {
        return inFlight.get();
    }
}
