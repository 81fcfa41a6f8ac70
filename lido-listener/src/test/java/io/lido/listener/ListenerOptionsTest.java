package io.lido.listener;

import io.lido.listener.testing.HostConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** webLimits in applicationHost.config becomes the listener's timers. */
class ListenerOptionsTest {
    @TempDir
    Path dir;

    private ListenerOptions load(String webLimits) {
        return ListenerOptions.from(HostConfig.load(dir, HostConfig.site("S", 1, dir, "*:0:", ""), webLimits, ""));
    }

    @Test
    void withoutWebLimitsTheDefaultsApply() {
        ListenerOptions options = load("");
        assertThat(options.headerWaitTimeout()).isEqualTo(ListenerOptions.DEFAULT_HEADER_WAIT);
        assertThat(options.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.minBytesPerSecond()).isEqualTo(240);
        assertThat(options.entityBodyTimeout()).isZero();
        assertThat(options.drainEntityBodyTimeout()).isZero();
        assertThat(options.uploadReadAheadSize()).isEqualTo(49152);
    }

    @Test
    void everyWebLimitsTimerIsTaken() {
        ListenerOptions options = load("<webLimits connectionTimeout=\"00:00:45\" headerWaitTimeout=\"00:00:10\" "
                + "minBytesPerSecond=\"500\" entityBodyTimeout=\"00:00:20\" drainEntityBodyTimeout=\"00:00:05\" "
                + "uploadReadAheadSize=\"0\" />");
        assertThat(options.idleTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(options.headerWaitTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.minBytesPerSecond()).isEqualTo(500);
        assertThat(options.entityBodyTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(options.drainEntityBodyTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.uploadReadAheadSize()).isZero();
    }
}
