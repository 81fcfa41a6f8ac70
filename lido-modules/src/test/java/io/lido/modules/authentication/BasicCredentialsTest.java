package io.lido.modules.authentication;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 7617's credentials: the user before the first colon, UTF-8, no control characters. */
class BasicCredentialsTest {
    private static String header(String userPass) {
        return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theUserEndsAtTheFirstColonAndThePasswordMayHoldColons() {
        BasicCredentials credentials = BasicCredentials.parse(header("Aladdin:open:sesame"));
        assertThat(credentials.user()).isEqualTo("Aladdin");
        assertThat(new String(credentials.password(), StandardCharsets.UTF_8)).isEqualTo("open:sesame");
        assertThat(BasicCredentials.parse(header("jürgen:")).user()).isEqualTo("jürgen");
        assertThat(BasicCredentials.isBasic("basic QQ==")).isTrue();
        assertThat(BasicCredentials.isBasic("Bearer abc")).isFalse();
    }

    @Test
    void malformedCredentialsAreNull() {
        assertThat(BasicCredentials.parse("Basic !!!")).isNull();
        assertThat(BasicCredentials.parse(header("no-colon"))).isNull();
        assertThat(BasicCredentials.parse(header(":password"))).isNull();
        assertThat(BasicCredentials.parse(header("bad\u0001user:pw"))).isNull();
        assertThat(BasicCredentials.parse("Basic " + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, ':', 'x'})))
                .isNull();
    }
}
