package io.lido.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two sites in one server, each with its own root application (and so its own application runtime and
 * application state), on their own ports.
 */
class MultiSiteTest {

    @TempDir
    Path dir;

    @Test
    void eachSiteServesItsOwnRootWithItsOwnApplicationState() {
        try (LidoTestServer lido = LidoTestServer.in(dir)
                .addSite("Alpha", 2, "127.0.0.1:0:", "../alpha")
                .addSite("Beta", 3, "127.0.0.1:0:", "../beta")
                .copy(LidoTestServer.sampleJar(), "alpha/bin/hello.jar")
                .copy(LidoTestServer.distSources().resolve("wwwroot/web.config"), "alpha/web.config")
                .copy(LidoTestServer.sampleJar(), "beta/bin/hello.jar")
                .copy(LidoTestServer.distSources().resolve("wwwroot/web.config"), "beta/web.config")
                .file("alpha/name.txt", "alpha")
                .file("beta/name.txt", "beta")
                .start()) {
            assertThat(lido.port("Alpha")).isEqualTo(lido.port()).isNotEqualTo(lido.port("Beta"));
            assertThat(lido.get("/name.txt").body()).isEqualTo("alpha");
            lido.get("/hello");

            String betaName = lido.get("Beta", "/name.txt").body();
            HttpResponse<String> betaHello = lido.get("Beta", "/hello");

            assertThat(betaName).isEqualTo("beta");
            assertThat(betaHello.body()).isEqualTo("Hello, World!");
            // Alpha counted two requests; Beta's application state is its own, so this is its second.
            assertThat(betaHello.headers().firstValue("X-Hello-Requests")).hasValue("2");
        }
    }
}
