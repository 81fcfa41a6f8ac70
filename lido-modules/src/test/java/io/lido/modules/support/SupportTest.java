package io.lido.modules.support;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SupportTest {

    @Test
    void httpDatesFormatImfFixdateAndParseAllThreeForms() {
        Instant instant = Instant.parse("1994-11-06T08:49:37Z");
        assertThat(HttpDates.format(Instant.parse("2024-01-02T03:04:05.999Z"))).isEqualTo("Tue, 02 Jan 2024 03:04:05 GMT");
        assertThat(HttpDates.parse("Sun, 06 Nov 1994 08:49:37 GMT")).contains(instant);
        assertThat(HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT")).contains(instant);
        assertThat(HttpDates.parse("Sun Nov  6 08:49:37 1994")).contains(instant);
        assertThat(HttpDates.parse("yesterday")).isEmpty();
        assertThat(HttpDates.parse(null)).isEmpty();
    }

    @Test
    void escaping() {
        assertThat(Escaping.html("<a href=\"x\">'&'</a>")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        assertThat(Escaping.pathSegment("a b/c?d#e%f€")).isEqualTo("a%20b%2Fc%3Fd%23e%25f%E2%82%AC");
        assertThat(Escaping.pathSegment("Az09-._~")).isEqualTo("Az09-._~");
    }

    @Test
    void virtualPathsAreSegmentWiseAndCaseInsensitive() {
        assertThat(VirtualPaths.isUnder("/Reports/x", "/reports")).isTrue();
        assertThat(VirtualPaths.isUnder("/reports", "/reports/")).isTrue();
        assertThat(VirtualPaths.isUnder("/reportsX", "/reports")).isFalse();
        assertThat(VirtualPaths.relativeTo("/app/a/b", "/app")).isEqualTo("/a/b");
        assertThat(VirtualPaths.relativeTo("/app", "/app")).isEqualTo("/");
        assertThat(VirtualPaths.relativeTo("/a", "/")).isEqualTo("/a");
        assertThat(VirtualPaths.extension("Archive.TAR.GZ")).isEqualTo(".gz");
        assertThat(VirtualPaths.extension("README")).isEmpty();
        assertThat(VirtualPaths.extension("trailing.")).isEmpty();
        assertThat(VirtualPaths.extension(".gitignore")).isEqualTo(".gitignore");
    }
}
