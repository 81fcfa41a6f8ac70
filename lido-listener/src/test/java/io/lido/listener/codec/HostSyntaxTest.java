package io.lido.listener.codec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class HostSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "Example.COM", "a-b.c_d~e", "127.0.0.1", "127.0.0.1:8080", "[::1]",
        "[::1]:80", "[4711::abcd]:8000", "[1:2:3:4:5:6:7:8]", "[::ffff:10.0.0.1]", "host:", "[fe80::]"})
    void accepts(String host) {
        assertThat(HostSyntax.isValid(host)).as(host).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "user@host", "host/x", "local host", "host:8o", "host:80:80", "host::80",
        "4713::abcd:8001", "[4712::abcd::]", "[1:2:3:4:5:6:7:8:9]", "[::1", "abc\u00a0", "abc\\foo", "a,b",
        "%31host", "host:123456", "[::1]x", "[12345::]"})
    void rejects(String host) {
        assertThat(HostSyntax.isValid(host)).as(host).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Example.com:80", "example.com", "EXAMPLE.COM:"})
    void hostNameIsLowerCaseWithoutPort(String host) {
        assertThat(HostSyntax.hostName(host)).isEqualTo("example.com");
    }
}
