package io.lido.ipc;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class HttpDatesTest {

    @Test
    void formatsImfFixdateWithATwoDigitDay() {
        assertThat(HttpDates.format(Instant.parse("1994-11-06T08:49:37Z"))).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
        assertThat(HttpDates.format(Instant.parse("2024-01-02T03:04:05.999Z"))).isEqualTo("Tue, 02 Jan 2024 03:04:05 GMT");
        assertThat(HttpDates.format(Instant.parse("2026-12-25T23:59:59Z"))).isEqualTo("Fri, 25 Dec 2026 23:59:59 GMT");
    }

    @Test
    void parsesAllThreeForms() {
        Instant instant = Instant.parse("1994-11-06T08:49:37Z");
        assertThat(HttpDates.parse("Sun, 06 Nov 1994 08:49:37 GMT")).contains(instant);
        assertThat(HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT")).contains(instant);
        assertThat(HttpDates.parse("Sun Nov  6 08:49:37 1994")).contains(instant);
        assertThat(HttpDates.parse("yesterday")).isEmpty();
        assertThat(HttpDates.parse(null)).isEmpty();
    }
}
