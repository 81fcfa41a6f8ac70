package io.lido.modules.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SupportTest {

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
