package io.lido.runtime.internal;

import io.lido.api.HttpException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UrlEncodingTest {

    @Test
    void emptySegmentsAreSkippedAndValuesMayContainEquals() {
        assertThat(UrlEncoding.parse("&&a=b=c&", "query string")).containsEntry("a", List.of("b=c")).hasSize(1);
    }

    @Test
    void decodesUtf8AndPlus() {
        assertThat(UrlEncoding.parse("q=caf%C3%A9+au+lait", "query string")).containsEntry("q", List.of("café au lait"));
    }

    @Test
    void aTruncatedEscapeIsA400NamingWhatWasParsed() {
        assertThatThrownBy(() -> UrlEncoding.parse("a=%4", "form body"))
                .isInstanceOf(HttpException.class)
                .hasMessageContaining("form body")
                .satisfies(e -> assertThat(((HttpException) e).status()).isEqualTo(400));
    }
}
