package io.lido.activation;

import io.lido.config.ApplicationPoolConfig;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * IIS rapid-fail protection: {@code rapidFailProtectionMaxCrashes} worker failures within
 * {@code rapidFailProtectionInterval} stop the pool (an OTP supervisor's restart intensity).
 * Not thread-safe: used on the pool's thread.
 */
final class RapidFailGuard {
    private final Deque<Instant> failures = new ArrayDeque<>();

    /** Records a failure; returns whether the pool must now be stopped. */
    boolean recordFailure(Instant now, ApplicationPoolConfig.Failure settings) {
        failures.addLast(now);
        Instant windowStart = now.minus(settings.rapidFailProtectionInterval());
        while (!failures.isEmpty() && !failures.peekFirst().isAfter(windowStart)) {
            failures.removeFirst();
        }
        return settings.rapidFailProtection() && failures.size() >= settings.rapidFailProtectionMaxCrashes();
    }

    /** Failures within the current window. */
    int recentFailures() {
        return failures.size();
    }

    void reset() {
        failures.clear();
    }
}
