package io.lido.runtime.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContentTypesTest {
    @Test
    void theCharsetParameterIsFoundInAnyCaseAndQuoted() {
        assertThat(ContentTypes.charset("text/plain; charset=utf-8")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(ContentTypes.charset("text/plain;CHARSET=\"ISO-8859-1\"; format=flowed"))
                .isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(ContentTypes.charset("application/json")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(ContentTypes.charset(null)).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void aRepeatedTypeGivesTheSameCharsetAndAnUnknownCharsetFailsEveryTime() {
        for (int i = 0; i < 2; i++) {
            assertThat(ContentTypes.charset("text/html; charset=us-ascii")).isEqualTo(StandardCharsets.US_ASCII);
            assertThatThrownBy(() -> ContentTypes.charset("text/html; charset=no-such-charset"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown charset");
        }
    }

    @Test
    void hasCharsetIsTheSameBeforeAndAfterTheTypeWasParsed() {
        for (int i = 0; i < 2; i++) {
            assertThat(ContentTypes.hasCharset("text/csv; Charset=utf-8")).isTrue();
            assertThat(ContentTypes.hasCharset("text/csv")).isFalse();
            assertThat(ContentTypes.hasCharset("text/csv; format=charset")).isFalse();
            ContentTypes.charset("text/csv; Charset=utf-8");
            ContentTypes.charset("text/csv");
            ContentTypes.charset("text/csv; format=charset");
        }
    }

    @Test
    void manyDistinctTypesStillParseAfterTheCacheStartsOver() {
        for (int i = 0; i < 600; i++) {
            assertThat(ContentTypes.charset("multipart/byteranges; boundary=b" + i + "; charset=utf-16"))
                    .isEqualTo(StandardCharsets.UTF_16);
        }
    }
}
