package io.lido.runtime.domain;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition that another thread (the watcher, an unload) makes true, failing after a timeout. */
final class Eventually {
    private Eventually() {
    }

    /** Waits until {@code condition} holds; returns the milliseconds it took. */
    static long await(String what, Duration timeout, BooleanSupplier condition) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}
