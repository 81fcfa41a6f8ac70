package io.lido.runtime.internal;

import io.lido.api.HttpCookie;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CookiesTest {

    @Test
    void parsesPairsTrimsAndUnquotes() {
        assertThat(Cookies.parse(List.of(" a=1 ;b=\"two\";c=;d"))).containsExactly(
                java.util.Map.entry("a", "1"), java.util.Map.entry("b", "two"), java.util.Map.entry("c", ""));
    }

    @Test
    void noHeaderMeansNoCookies() {
        assertThat(Cookies.parse(List.of())).isEmpty();
    }

    @Test
    void refusesNamesThatAreNotTokensAndBadAttributes() {
        assertThatThrownBy(() -> Cookies.format(HttpCookie.of("a b", "1"))).hasMessageContaining("not an RFC 9110 token");
        assertThatThrownBy(() -> Cookies.format(HttpCookie.of("a", "1").withPath("/x;Secure")))
                .hasMessageContaining("Path attribute");
        assertThatThrownBy(() -> Cookies.format(HttpCookie.of("a", "1").withSameSite("lax")))
                .hasMessageContaining("SameSite must be Strict, Lax or None");
    }
}
