package io.lido.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class TimeSpansTest {
    @Test
    void parsesIisSpellings() {
        assertThat(TimeSpans.parse("00:20:00")).isEqualTo(Duration.ofMinutes(20));
        assertThat(TimeSpans.parse("29:00:00")).isEqualTo(Duration.ofHours(29));
        assertThat(TimeSpans.parse("1.00:00:00")).isEqualTo(Duration.ofDays(1));
        assertThat(TimeSpans.parse("1.02:03:04.5")).isEqualTo(Duration.ofDays(1).plusHours(2).plusMinutes(3)
                .plusSeconds(4).plusMillis(500));
        assertThat(TimeSpans.parse("00:00:00.0000001")).isEqualTo(Duration.ofNanos(100));
        assertThat(TimeSpans.parse(" 0:1:2 ")).isEqualTo(Duration.ofSeconds(62));
        assertThat(TimeSpans.parse("-00:00:01")).isEqualTo(Duration.ofSeconds(-1));
        assertThat(TimeSpans.parse("Infinite")).isEqualTo(TimeSpans.INFINITE);
    }

    @Test
    void refusesWhatDotNetRefuses() {
        assertThat(TimeSpans.parse("00:60:00")).isNull();
        assertThat(TimeSpans.parse("00:00:60")).isNull();
        assertThat(TimeSpans.parse("1.24:00:00")).as("hours above 23 only without a day part").isNull();
        assertThat(TimeSpans.parse("20")).isNull();
        assertThat(TimeSpans.parse("00:20")).isNull();
        assertThat(TimeSpans.parse("00:00:00.12345678")).isNull();
        assertThat(TimeSpans.parse("abc")).isNull();
        assertThat(TimeSpans.parse("")).isNull();
    }

    @Test
    void formatsAsTheConfigurationSpellsIt() {
        assertThat(TimeSpans.format(Duration.ofSeconds(3))).isEqualTo("00:00:03");
        assertThat(TimeSpans.format(Duration.ofMinutes(20))).isEqualTo("00:20:00");
        assertThat(TimeSpans.format(Duration.ofHours(29))).isEqualTo("1.05:00:00");
        assertThat(TimeSpans.format(Duration.ofDays(12).plusSeconds(61))).isEqualTo("12.00:01:01");
        assertThat(TimeSpans.format(Duration.ofMillis(250))).isEqualTo("00:00:00.25");
        assertThat(TimeSpans.format(Duration.ofNanos(100))).isEqualTo("00:00:00.0000001");
        assertThat(TimeSpans.format(Duration.ofNanos(99))).as("below a tick").isEqualTo("00:00:00");
        assertThat(TimeSpans.format(Duration.ZERO)).isEqualTo("00:00:00");
        assertThat(TimeSpans.format(Duration.ofSeconds(-90))).isEqualTo("-00:01:30");
        assertThat(TimeSpans.format(TimeSpans.INFINITE)).isEqualTo("Infinite");
    }

    @Test
    void whatItFormatsParsesBack() {
        for (Duration d : new Duration[]{Duration.ofMillis(1), Duration.ofSeconds(59, 999_999_900), Duration.ofDays(3),
                Duration.ofHours(23).plusMinutes(59), Duration.ofMillis(-1500), TimeSpans.INFINITE}) {
            assertThat(TimeSpans.parse(TimeSpans.format(d))).as(TimeSpans.format(d)).isEqualTo(d);
        }
    }
}
