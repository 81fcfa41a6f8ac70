package io.lido.server.operations;

import io.lido.server.activation.HostProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14 part 5 (its counters; the request duration histogram is not built yet) through the real distribution:
 * the management service's {@code /metrics} on a loopback admin binding answers 401 without the token of
 * {@code work/management.token} (mode 600), and with it the Prometheus text format with the pools' counters as a
 * scrape after real requests sees them; a binding that is not loopback, and remote connections, are refused at start.
 */
class MetricsIT {
    private static final Duration LONG = Duration.ofSeconds(40);
    private static final Pattern LISTENING =
            Pattern.compile("Management service listening on http://127\\.0\\.0\\.1:(\\d+)/metrics");

    @TempDir
    Path dir;

    private Path site(String management) throws Exception {
        Files.createDirectories(dir.resolve("root"));
        Files.writeString(dir.resolve("root/hello.txt"), "hello");
        Path config = dir.resolve("conf/applicationHost.config");
        Files.createDirectories(config.getParent());
        Files.writeString(config, """
                <configuration>
                  <system.applicationHost>
                    %s
                    <applicationPools>
                      <add name="Workers" hostingModel="outOfProcess" queueLength="10">
                        <processModel startupTimeLimit="00:00:30" shutdownTimeLimit="00:00:05" />
                      </add>
                    </applicationPools>
                    <sites>
                      <site name="Metrics" id="4">
                        <application path="/" applicationPool="Workers">
                          <virtualDirectory path="/" physicalPath="../root" />
                        </application>
                        <bindings><binding protocol="http" bindingInformation="127.0.0.1:0:" /></bindings>
                        <logFile directory="../logs" />
                      </site>
                    </sites>
                  </system.applicationHost>
                </configuration>
                """.formatted(management));
        return config;
    }

    @Test
    void aScrapeWithTheTokenSeesThePoolsCounters() throws Exception {
        Path config = site("<managementService enabled=\"true\" bindingInformation=\"127.0.0.1:0\" />");
        try (HostProcess host = HostProcess.start(config, Map.of())) {
            int port = Integer.parseInt(host.awaitLine(LISTENING, LONG).group(1));
            Path tokenFile = HostProcess.dist().resolve("work/management.token");
            assertThat(Files.getPosixFilePermissions(tokenFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            String token = Files.readString(tokenFile).trim();
            for (int i = 0; i < 3; i++) {
                assertThat(host.get("/hello.txt", LONG).statusCode()).isEqualTo(200);
            }
            HttpClient client = HttpClient.newHttpClient();
            URI metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
            HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(metrics).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                    assertThat(v).startsWith("Bearer"));
            HttpResponse<String> wrong = client.send(HttpRequest.newBuilder(metrics)
                    .header("Authorization", "Bearer " + "0".repeat(64)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.statusCode()).isEqualTo(401);

            HttpResponse<String> scrape = client.send(HttpRequest.newBuilder(metrics)
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(v ->
                    assertThat(v).startsWith("text/plain; version=0.0.4"));
            long worker = host.workers().getFirst().pid();
            assertThat(scrape.body())
                    .contains("# TYPE lido_apppool_requests_total counter")
                    .contains("lido_apppool_requests_total{apppool=\"Workers\"} 3.0")
                    .contains("lido_apppool_worker_processes{apppool=\"Workers\"} 1.0")
                    .contains("lido_apppool_state{apppool=\"Workers\",state=\"Started\"} 1.0")
                    .contains("lido_apppool_recycles_total{apppool=\"Workers\"} 0.0")
                    .contains("lido_apppool_queue_rejected_total{apppool=\"Workers\"} 0.0")
                    .contains("lido_worker_requests_total{apppool=\"Workers\",pid=\"" + worker + "\"} 3.0")
                    .contains("lido_worker_active_requests{apppool=\"Workers\",pid=\"" + worker + "\"} 0.0")
                    .containsPattern("lido_host_threads \\d+");

            assertThat(host.cli("recycle", "apppool", "Workers").status()).isZero();
            String after = client.send(HttpRequest.newBuilder(metrics).header("Authorization", "Bearer " + token)
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(after).contains("lido_apppool_recycles_total{apppool=\"Workers\"} 1.0");
        }
    }

    @Test
    void onlyALoopbackBindingStarts() throws Exception {
        assertRefused(site("<managementService enabled=\"true\" bindingInformation=\"0.0.0.0:0\" />"),
                "only a loopback address");
        assertRefused(site("<managementService enabled=\"true\" bindingInformation=\"127.0.0.1:0\""
                + " enableRemoteConnections=\"true\" />"), "not supported yet");
    }

    private static void assertRefused(Path config, String message) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(HostProcess.dist().resolve("bin/lido").toString(), "run",
                "--config", config.toString()).redirectErrorStream(true);
        builder.environment().put("LIDO_AOT", "0");
        builder.environment().put("LIDO_AOT_PRETRAIN", "0");
        Process lido = builder.start();
        String output = new String(lido.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lido.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(lido.exitValue()).as(output).isEqualTo(2);
        assertThat(output).as("nothing started").doesNotContain("Application pool 'Workers' started");
        assertThat(output).contains("applicationHost.config:3:").contains(message);
    }
}
