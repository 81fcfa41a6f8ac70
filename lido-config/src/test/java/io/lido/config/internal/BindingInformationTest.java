package io.lido.config.internal;

import io.lido.config.ConfigException;
import io.lido.config.SiteConfig;
import io.lido.config.SourceLocation;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BindingInformationTest {
    private static final SourceLocation AT = new SourceLocation(Path.of("/c/applicationHost.config"), 7);

    private static SiteConfig.Binding parse(String text) {
        return BindingInformation.parse("http", text, AT);
    }

    @Test
    void acceptsIisForms() {
        assertThat(parse("*:80:")).isEqualTo(new SiteConfig.Binding("http", "*", 80, "", AT));
        assertThat(parse("127.0.0.1:8080:Intranet.Example")).isEqualTo(
                new SiteConfig.Binding("http", "127.0.0.1", 8080, "intranet.example", AT));
        assertThat(parse("[::1]:0:")).isEqualTo(new SiteConfig.Binding("http", "::1", 0, "", AT));
        assertThat(parse("*:443:*.example.com").host()).isEqualTo("*.example.com");
    }

    @Test
    void refusesWhatIsNotABinding() {
        assertThatThrownBy(() -> parse("*:80")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("/c/applicationHost.config:7: <binding> attribute \"bindingInformation\": \"*:80\" is "
                        + "invalid: expected IP:port:host (the host may be empty, but the second ':' is required)");
        assertThatThrownBy(() -> parse("localhost:80:")).hasMessageContaining("\"localhost\" is not * or a literal IPv4 address");
        assertThatThrownBy(() -> parse("300.1.1.1:80:")).hasMessageContaining("is not * or a literal IPv4 address");
        assertThatThrownBy(() -> parse("::1:80:")).hasMessageContaining("is not * or a literal IPv4 address");
        assertThatThrownBy(() -> parse("[1.2.3.4]:80:")).hasMessageContaining("is not * or a literal IPv6 address");
        assertThatThrownBy(() -> parse("*:-1:")).hasMessageContaining("port \"-1\" is not a whole number in 0..65535");
        assertThatThrownBy(() -> parse("*:80:bad_host")).hasMessageContaining("\"bad_host\" is not a valid host name");
    }
}
