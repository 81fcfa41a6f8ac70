package io.lido.activation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * {@code periodicRestart/schedule}: whether a scheduled time of day passed since the previous check.
 * Checking intervals (not "is it 03:00 now") means a tick that comes late still recycles exactly once.
 * Not thread-safe: used on the pool's thread.
 */
final class RecycleSchedule {
    private Instant lastCheck;

    RecycleSchedule(Instant start) {
        this.lastCheck = start;
    }

    /** Whether one of {@code times} (local times in {@code zone}) falls in (previous check, now]. */
    boolean due(Instant now, ZoneId zone, List<LocalTime> times) {
        Instant since = lastCheck;
        lastCheck = now;
        if (times.isEmpty() || !now.isAfter(since)) {
            return false;
        }
        LocalDate last = now.atZone(zone).toLocalDate();
        for (LocalDate day = since.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            for (LocalTime time : times) {
                Instant at = day.atTime(time).atZone(zone).toInstant();
                if (at.isAfter(since) && !at.isAfter(now)) {
                    return true;
                }
            }
        }
        return false;
    }
}
