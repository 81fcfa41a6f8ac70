package io.lido.listener.log.w3c;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A clock the test moves by hand, and can hold: after {@link #stall()} every read blocks until
 * {@link #release()}, which stalls a log writer thread at the moment it opens a file.
 */
public final class MutableClock extends Clock {
    private volatile Instant now;
    private volatile CountDownLatch gate;
    private final CountDownLatch reached = new CountDownLatch(1);

    public MutableClock(Instant start) {
        this.now = start;
    }

    public void advance(Duration by) {
        now = now.plus(by);
    }

    /** Makes the next reads block until {@link #release()}. */
    public void stall() {
        gate = new CountDownLatch(1);
    }

    /** True once a reader is blocked in a stalled read. */
    public boolean awaitStalledReader() throws InterruptedException {
        return reached.await(5, TimeUnit.SECONDS);
    }

    public void release() {
        gate.countDown();
    }

    @Override
    public Instant instant() {
        CountDownLatch g = gate;
        if (g != null) {
            reached.countDown();
            try {
                g.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted in a stalled clock read", e);
            }
        }
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("tests use UTC");
    }
}
