package io.lido.listener.connection;

import io.lido.listener.ListenerStartException;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The host-wide budget of what the listener buffers for clients that do not keep up. Each connection's
 * buffers are bounded on their own (pipelined bytes, the outbound high-water mark, a worker's stream
 * window); a connection whose client stops reading its answers is <em>stalled</em> and is charged its
 * whole bound, {@value #STALLED_CONNECTION_BYTES} bytes, until it reads again or closes. While the charges
 * pass the budget, new connections are refused with 503 (httperr {@code Connection_Refused}, as HTTP.sys
 * refuses connections when its memory runs low), so many slow readers cannot grow the heap without bound.
 * Charged on writability changes only, never per request. Thread-safe.
 */
public final class BufferBudget {
    /** The system property that sets the budget, in bytes. */
    public static final String PROPERTY = "lido.listener.bufferBudget";
    /** 256 MB: about 570 stalled connections. */
    public static final long DEFAULT_BYTES = 256L * 1024 * 1024;
    /**
     * What a stalled connection may hold: 64 KB of pipelined requests, the 128 KB outbound high-water mark,
     * 16 KB the runtime gathers before a flush, and the 256 KB window of a worker's stream in flight.
     */
    public static final long STALLED_CONNECTION_BYTES = (64 + 128 + 16 + 256) * 1024L;

    private final long budget;
    private final AtomicLong charged = new AtomicLong();

    public BufferBudget(long budgetBytes) {
        if (budgetBytes <= 0) {
            throw new IllegalArgumentException(PROPERTY + " must be a positive number of bytes, not " + budgetBytes);
        }
        this.budget = budgetBytes;
    }

    /**
     * The budget of {@value #PROPERTY} ({@link #DEFAULT_BYTES} when unset).
     *
     * @throws ListenerStartException naming the property when its value is not a positive number of bytes
     */
    public static BufferBudget configured() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return new BufferBudget(DEFAULT_BYTES);
        }
        long bytes;
        try {
            bytes = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            bytes = 0;
        }
        if (bytes <= 0) {
            throw new ListenerStartException(PROPERTY + " must be a positive number of bytes, not '" + value + "'",
                    null);
        }
        return new BufferBudget(bytes);
    }

    /** Whether a new connection may be served: the stalled connections leave room for one more. */
    public boolean admits() {
        return charged.get() + STALLED_CONNECTION_BYTES <= budget;
    }

    /** A connection stalled: its client does not read its answers. */
    void stalled() {
        charged.addAndGet(STALLED_CONNECTION_BYTES);
    }

    /** A stalled connection reads again, or closed. */
    void released() {
        charged.addAndGet(-STALLED_CONNECTION_BYTES);
    }

    public long budgetBytes() {
        return budget;
    }

    /** Bytes charged by stalled connections now. */
    public long chargedBytes() {
        return charged.get();
    }
}
