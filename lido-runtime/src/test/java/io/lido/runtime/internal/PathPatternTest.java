package io.lido.runtime.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PathPatternTest {

    @Test
    void starMatchesEverything() {
        PathPattern p = PathPattern.parse("*");
        assertThat(p.matches("")).isTrue();
        assertThat(p.matches("a/b/c.txt")).isTrue();
    }

    @Test
    void extensionMatchesTheLastSegmentCaseInsensitively() {
        PathPattern p = PathPattern.parse("*.report");
        assertThat(p.matches("sales.report")).isTrue();
        assertThat(p.matches("x/y/Q1.REPORT")).isTrue();
        assertThat(p.matches("a.report/other")).isFalse();
        assertThat(p.matches("report")).isFalse();
        assertThat(p.matches("x.reports")).isFalse();
    }

    @Test
    void folderMatchesEverythingBelowButNotTheFolderItself() {
        PathPattern p = PathPattern.parse("api/*");
        assertThat(p.matches("api/")).isTrue();
        assertThat(p.matches("API/users/1")).isTrue();
        assertThat(p.matches("api")).isFalse();
        assertThat(p.matches("apix/1")).isFalse();
    }

    @Test
    void exactPathIgnoresCaseAndALeadingSlashOrTilde() {
        assertThat(PathPattern.parse("hello").matches("Hello")).isTrue();
        assertThat(PathPattern.parse("/hello").matches("hello")).isTrue();
        assertThat(PathPattern.parse("~/admin/hello").matches("admin/hello")).isTrue();
        assertThat(PathPattern.parse("hello").matches("hello/x")).isFalse();
        assertThat(PathPattern.parse("hello").matches("sub/hello")).isFalse();
    }

    @Test
    void unsupportedWildcardsAreRefusedWithTheAllowedForms() {
        assertThatThrownBy(() -> PathPattern.parse("a*b")).hasMessageContaining("allowed: *, *.ext, folder/*");
        assertThatThrownBy(() -> PathPattern.parse(" ")).hasMessageContaining("path is empty");
    }

    @Test
    void printsAsWritten() {
        assertThat(PathPattern.parse("/api/*").source()).isEqualTo("api/*");
        assertThat(PathPattern.parse("*.report").source()).isEqualTo("*.report");
        assertThat(PathPattern.parse("*").source()).isEqualTo("*");
        assertThat(PathPattern.parse("~/hello").source()).isEqualTo("hello");
    }
}
