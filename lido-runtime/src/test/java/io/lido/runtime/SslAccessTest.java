package io.lido.runtime;

import io.lido.runtime.testing.CapturedResponse;
import io.lido.runtime.testing.RuntimeHarness;
import io.lido.runtime.testing.RuntimeTestBase;
import io.lido.runtime.testing.TestApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code system.webServer/security/access sslFlags}: Ssl answers a plain-http request 403.4 before any module or
 * handler runs, Ssl128 403.5; over TLS the handler runs.
 */
class SslAccessTest extends RuntimeTestBase {
    private RuntimeHarness app(String sslFlags) {
        harness = new RuntimeHarness(dir, "/").jar(TestApp.SOURCES);
        harness.handlers().add("handler", "name", "Probe", "path", "probe", "verb", "GET", "type", "app.ProbeHandler");
        harness.config.section("system.webServer/security/access").set("sslFlags", sslFlags);
        harness.start();
        return harness;
    }

    @Test
    void sslRequiresTls() {
        app("Ssl");
        CapturedResponse plain = harness.get("/probe");
        assertThat(plain.status()).isEqualTo(403);
        assertThat(plain.subStatus()).isEqualTo(4);
        CapturedResponse secure = harness.request("GET", "/probe").secure().send();
        assertThat(secure.status()).isEqualTo(200);
        assertThat(secure.body()).contains("virtual=true");
    }

    @Test
    void ssl128AloneAnswers403Point5() {
        app("Ssl128");
        CapturedResponse plain = harness.get("/probe");
        assertThat(plain.status()).isEqualTo(403);
        assertThat(plain.subStatus()).isEqualTo(5);
        assertThat(harness.request("GET", "/probe").secure().send().status()).isEqualTo(200);
    }

    @Test
    void noneLetsPlainHttpThrough() {
        app("None");
        assertThat(harness.get("/probe").status()).isEqualTo(200);
    }
}
