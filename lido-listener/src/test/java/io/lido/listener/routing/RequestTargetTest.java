package io.lido.listener.routing;

import io.lido.listener.codec.Rejection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestTargetTest {

    @ParameterizedTest
    @CsvSource({
        "/,/",
        "/a/b.txt,/a/b.txt",
        "/a/./b,/a/b",
        "/a/../b,/b",
        "/a/b/..,/a/",
        "/a//b,/a/b",
        "/%61%2Fb,/a/b",
        "/caf%C3%A9,/caf\u00e9",
        "/a%20b,/a b",
        "/a/%2e%2e%2fetc/../x,/x",
        "/a/%2e/b/,/a/b/",
        "/%252e%252e/x,/%2e%2e/x",
        "/..;/x,/..;/x",
        "/....//x,/..../x"
    })
    void decodesOnceAndRemovesDotSegments(String raw, String path) {
        assertThat(RequestTarget.parse(raw).path()).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../x", "/a/../../x", "/%2e%2e/x", "/..%2fx", "/a/%2E%2E/%2e%2E/x", "/%c0%ae%c0%ae/x",
        "/%e0%80%ae/x", "/%c0%af", "/a%00b", "/a%5cb", "/a\\b", "/%u002e", "/%zz", "/a%", "/%0d%0a", "/%ff",
        "/a#frag", "hello.txt", "../x", "file:///etc/passwd", "http://user@host/x", "http://host:80x/",
        "http://[::1/x"})
    void refusesUnsafeOrMalformedTargets(String raw) {
        assertThatThrownBy(() -> RequestTarget.parse(raw)).isInstanceOf(Rejection.RejectedException.class)
                .satisfies(e -> assertThat(((Rejection.RejectedException) e).rejection().status()).isEqualTo(400));
    }

    @Test
    void splitsTheQueryAndKeepsItRaw() {
        RequestTarget t = RequestTarget.parse("/a%20b?x=%20y&z");
        assertThat(t.rawPath()).isEqualTo("/a%20b");
        assertThat(t.originForm()).isEqualTo("/a%20b?x=%20y&z");
        assertThat(t.path()).isEqualTo("/a b");
        assertThat(t.query()).isEqualTo("x=%20y&z");
        assertThat(t.authority()).isNull();
    }

    @Test
    void absoluteFormGivesItsAuthorityAndPath() {
        RequestTarget t = RequestTarget.parse("HTTP://Example.com:8080/r/x?q=1");
        assertThat(t.authority()).isEqualTo("Example.com:8080");
        assertThat(t.originForm()).isEqualTo("/r/x?q=1");
        assertThat(t.path()).isEqualTo("/r/x");
        assertThat(t.query()).isEqualTo("q=1");
        assertThat(RequestTarget.parse("http://[::1]").path()).isEqualTo("/");
        assertThat(RequestTarget.parse("http://a?x").query()).isEqualTo("x");
    }

    @Test
    void asteriskFormIsRecognised() {
        assertThat(RequestTarget.parse("*").asterisk()).isTrue();
    }

    @Test
    void aCleanPathIsReturnedWithoutCopying() {
        String raw = "/reports/2024/summary.html";
        assertThat(RequestTarget.parse(raw).path()).isSameAs(raw);
    }
}
