package io.lido.worker;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class StartupTimesTest {
    private static final Instant JVM = Instant.parse("2026-11-21T12:00:00Z");

    private static final class SteppingClock extends Clock {
        private Instant now;

        SteppingClock(Instant start) {
            now = start;
        }

        void advance(long millis) {
            now = now.plus(Duration.ofMillis(millis));
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void eachPhaseIsTimedFromTheEndOfThePreviousOne() {
        SteppingClock clock = new SteppingClock(JVM.plusMillis(150));
        StartupTimes times = new StartupTimes(clock, Optional.of(JVM), clock.instant());
        clock.advance(40);
        times.phase("configuration");
        clock.advance(210);
        times.phase("applications");

        assertThat(times.summary()).isEqualTo("400 ms after the JVM started (JVM 150 ms, configuration 40 ms, "
                + "applications 210 ms)");
    }

    @Test
    void withoutTheProcessStartOnlyThePhasesAreTimed() {
        SteppingClock clock = new SteppingClock(JVM);
        StartupTimes times = new StartupTimes(clock, Optional.empty(), clock.instant());
        clock.advance(5);
        times.phase("configuration");
        clock.advance(7);
        times.phase("applications");

        assertThat(times.summary()).isEqualTo("in 12 ms (configuration 5 ms, applications 7 ms)");
    }

    @Test
    void theLogSaysWhetherTheJvmStartedFromItsAotCache() {
        assertThat(StartupTimes.aotCache(null, "mixed mode, sharing")).isEqualTo("no AOT cache");
        assertThat(StartupTimes.aotCache("use /w/a.aot", "mixed mode, sharing"))
                .isEqualTo("started from AOT cache /w/a.aot");
        assertThat(StartupTimes.aotCache("use /w/a.aot", "mixed mode"))
                .isEqualTo("AOT cache /w/a.aot could not be used (the JVM's [aot] lines are in /w/aot.log)");
        assertThat(StartupTimes.aotCache("train /w/t/cache.aot", "mixed mode"))
                .isEqualTo("training AOT cache /w/t/cache.aot (written when this worker exits)");
    }
}
