package io.lido.listener.log.w3c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogPeriodTest {
    private static final Instant SATURDAY = Instant.parse("2026-11-21T13:45:07Z");

    @Test
    void fileNamesFollowIis() {
        assertThat(LogPeriod.DAILY.fileName(SATURDAY)).isEqualTo("u_ex261121.log");
        assertThat(LogPeriod.HOURLY.fileName(SATURDAY)).isEqualTo("u_ex26112113.log");
        assertThat(LogPeriod.MONTHLY.fileName(SATURDAY)).isEqualTo("u_ex2611.log");
        // November 2026 starts on a Sunday: 1-7 is week 1, 15-21 week 3, 22 (Sunday) starts week 4.
        assertThat(LogPeriod.WEEKLY.fileName(SATURDAY)).isEqualTo("u_ex261103.log");
        assertThat(LogPeriod.WEEKLY.fileName(Instant.parse("2026-11-22T00:00:00Z"))).isEqualTo("u_ex261104.log");
        assertThat(LogPeriod.WEEKLY.fileName(Instant.parse("2026-11-01T00:00:00Z"))).isEqualTo("u_ex261101.log");
    }

    @Test
    void periodsRollOverInUtc() {
        assertThat(LogPeriod.DAILY.fileName(Instant.parse("2026-11-21T23:59:59Z"))).isEqualTo("u_ex261121.log");
        assertThat(LogPeriod.DAILY.fileName(Instant.parse("2026-11-22T00:00:00Z"))).isEqualTo("u_ex261122.log");
    }

    @Test
    void eachPeriodEndsAtItsUtcBoundary() {
        assertThat(LogPeriod.DAILY.nextStart(SATURDAY)).isEqualTo(Instant.parse("2026-11-22T00:00:00Z"));
        assertThat(LogPeriod.HOURLY.nextStart(SATURDAY)).isEqualTo(Instant.parse("2026-11-21T14:00:00Z"));
        assertThat(LogPeriod.MONTHLY.nextStart(SATURDAY)).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(LogPeriod.WEEKLY.nextStart(SATURDAY)).isEqualTo(Instant.parse("2026-11-22T00:00:00Z"));
        // The last week of November ends with the month, not on Sunday 6 December.
        assertThat(LogPeriod.WEEKLY.nextStart(Instant.parse("2026-11-30T08:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(LogPeriod.WEEKLY.fileName(Instant.parse("2026-12-01T00:00:00Z"))).isEqualTo("u_ex261201.log");
        assertThat(LogPeriod.MAX_SIZE.nextStart(SATURDAY)).isEqualTo(Instant.MAX);
    }

    @Test
    void parsesIisSpellingsCaseInsensitively() {
        assertThat(LogPeriod.parse("Daily")).isEqualTo(LogPeriod.DAILY);
        assertThat(LogPeriod.parse("hourly")).isEqualTo(LogPeriod.HOURLY);
        assertThat(LogPeriod.parse("MaxSize")).isEqualTo(LogPeriod.MAX_SIZE);
        assertThatThrownBy(() -> LogPeriod.parse("Yearly"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("logFile period \"Yearly\" is not one of Daily, Hourly, Weekly, Monthly, MaxSize");
    }
}
