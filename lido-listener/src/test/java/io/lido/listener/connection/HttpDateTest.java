package io.lido.listener.connection;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class HttpDateTest {

    @Test
    void aSingleDigitDayIsWrittenWithTwoDigits() {
        long second = Instant.parse("1994-11-06T08:49:37Z").getEpochSecond();
        assertThat(new String(HttpDate.fieldLine(second), StandardCharsets.US_ASCII))
                .isEqualTo("Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n");
    }

    @Test
    void theCurrentFieldLineIsImfFixdate() {
        assertThat(new String(HttpDate.fieldLine(), StandardCharsets.US_ASCII))
                .matches("Date: (Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d\\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
                        + "\\d{4} \\d\\d:\\d\\d:\\d\\d GMT\r\n");
    }
}
