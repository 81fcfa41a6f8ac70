package io.lido.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The distribution's own conf/applicationHost.config and wwwroot (src/dist), started in-process with
 * only the binding moved to an ephemeral port of 127.0.0.1.
 */
class DefaultDistributionTest {

    @TempDir
    Path dir;

    @Test
    void defaultSiteServesTheWelcomePageStaticFilesAndTheSample() throws IOException {
        Path dist = LidoTestServer.distSources();
        String config = Files.readString(dist.resolve("conf/applicationHost.config"));
        assertThat(config).contains("bindingInformation=\"*:8080:\"");
        LidoTestServer.Builder builder = LidoTestServer.in(dir)
                .serverConfig(config.replace("bindingInformation=\"*:8080:\"", "bindingInformation=\"127.0.0.1:0:\"")
                .replace("bindingInformation=\"*:8443:\"", "bindingInformation=\"127.0.0.1:0:\"")
                .replace("ipPort=\"0.0.0.0:8443\"", "ipPort=\"0.0.0.0:0\""))
                .copy(LidoTestServer.sampleJar(), "wwwroot/bin/hello.jar");
        try (var files = Files.list(dist.resolve("wwwroot"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                builder.copy(file, "wwwroot/" + file.getFileName());
            }
        }

        try (LidoTestServer lido = builder.start()) {
            HttpResponse<String> welcome = lido.get("/");
            assertThat(welcome.statusCode()).isEqualTo(200);
            assertThat(welcome.body()).contains("Lido is running");
            assertThat(welcome.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/html"));

            HttpResponse<String> text = lido.get("/hello.txt");
            assertThat(text.statusCode()).isEqualTo(200);
            assertThat(text.body()).isEqualTo(Files.readString(dist.resolve("wwwroot/hello.txt")));

            HttpResponse<String> hello = lido.get("/hello");
            assertThat(hello.body()).isEqualTo("Hello, World!");
            assertThat(hello.headers().firstValue("X-Hello-Requests")).isPresent();

            assertThat(lido.get("/web.config").statusCode()).isEqualTo(404);
            assertThat(lido.get("/bin/hello.jar").statusCode()).isEqualTo(404);
        }
    }
}
