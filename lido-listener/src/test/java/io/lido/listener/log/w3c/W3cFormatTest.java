package io.lido.listener.log.w3c;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class W3cFormatTest {

    @Test
    void emptyAndMissingValuesAreDashes() {
        assertThat(W3cFormat.value(null)).isEqualTo("-");
        assertThat(W3cFormat.value("")).isEqualTo("-");
    }

    @Test
    void aLiteralDashIsEscapedSoItDoesNotReadAsEmpty() {
        assertThat(W3cFormat.value("-")).isEqualTo("%2D");
        assertThat(W3cFormat.value("a-b")).isEqualTo("a-b");
    }

    @Test
    void spacesBecomePlusAsIisWritesUserAgents() {
        assertThat(W3cFormat.value("Mozilla/5.0 (X11; Linux x86_64)")).isEqualTo("Mozilla/5.0+(X11;+Linux+x86_64)");
    }

    @Test
    void lineBreaksControlsAndQuotesArePercentEncoded() {
        assertThat(W3cFormat.value("a\r\nb")).isEqualTo("a%0D%0Ab");
        assertThat(W3cFormat.value("tab\there")).isEqualTo("tab%09here");
        assertThat(W3cFormat.value("say \"hi\"")).isEqualTo("say+%22hi%22");
        assertThat(W3cFormat.value("nul\0del\u007f")).isEqualTo("nul%00del%7F");
        assertThat(W3cFormat.value("ls\u2028ps\u2029nel\u0085")).isEqualTo("ls%E2%80%A8ps%E2%80%A9nel%C2%85");
    }

    @Test
    void ordinaryTextIncludingNonAsciiIsKept() {
        String plain = "/caf\u00e9/index.html?q=1&r=%20";
        assertThat(W3cFormat.value(plain)).isSameAs(plain);
    }

    @Test
    void datesAndTimesAreUtc() {
        Instant t = Instant.parse("2026-11-21T23:05:09.900Z");
        assertThat(W3cFormat.date(t)).isEqualTo("2026-11-21");
        assertThat(W3cFormat.time(t)).isEqualTo("23:05:09");
    }

    @Test
    void headerHasTheFourIisDirectives() {
        assertThat(W3cFormat.header(Instant.parse("2026-11-21T08:00:01Z"), "date time"))
                .containsExactly("#Software: " + W3cFormat.SOFTWARE, "#Version: 1.0",
                        "#Date: 2026-11-21 08:00:01", "#Fields: date time");
        assertThat(W3cFormat.SOFTWARE).startsWith("Lido ");
    }
}
