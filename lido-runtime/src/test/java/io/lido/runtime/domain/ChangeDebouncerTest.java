package io.lido.runtime.domain;

import io.lido.runtime.RestartReason;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeDebouncerTest {
    private final List<RestartReason> fired = new CopyOnWriteArrayList<>();

    @Test
    void aBurstOfChangesFiresOnceAfterTheQuietPeriodWithTheWeightiestReason() throws Exception {
        try (ChangeDebouncer debouncer = new ChangeDebouncer(Clock.systemUTC(), Duration.ofMillis(150),
                Duration.ofSeconds(5), fired::add, "test")) {
            for (int i = 0; i < 20; i++) {
                debouncer.changed(i == 7 ? RestartReason.CONFIGURATION_CHANGE : RestartReason.BIN_CHANGE);
                Thread.sleep(10);
            }
            assertThat(fired).as("still inside the quiet period").isEmpty();

            Eventually.await("the restart", Duration.ofSeconds(5), () -> !fired.isEmpty());
            Thread.sleep(300);
            assertThat(fired).containsExactly(RestartReason.CONFIGURATION_CHANGE);
        }
    }

    @Test
    void changesThatNeverStopStillFireAfterTheMaximumWait() throws Exception {
        try (ChangeDebouncer debouncer = new ChangeDebouncer(Clock.systemUTC(), Duration.ofMillis(100),
                Duration.ofMillis(300), fired::add, "test")) {
            long end = System.nanoTime() + Duration.ofMillis(1000).toNanos();
            while (System.nanoTime() < end) {
                debouncer.changed(RestartReason.BIN_CHANGE);
                Thread.sleep(20);
            }
            assertThat(fired.size()).as("one restart per maximum wait while changes keep coming").isBetween(2, 4);
        }
    }

    @Test
    void aClosedDebouncerDropsWhatIsPending() throws Exception {
        ChangeDebouncer debouncer = new ChangeDebouncer(Clock.systemUTC(), Duration.ofMillis(100), Duration.ofMillis(100),
                fired::add, "test");
        debouncer.changed(RestartReason.BIN_CHANGE);
        debouncer.close();
        Thread.sleep(300);
        assertThat(fired).isEmpty();
    }
}
