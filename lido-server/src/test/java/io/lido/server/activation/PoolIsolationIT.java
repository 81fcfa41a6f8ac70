package io.lido.server.activation;

import io.lido.server.TestApplicationJar;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static io.lido.server.activation.HostProcess.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 part 4 through the real distribution, as root with two throw-away pool users: each pool's worker
 * receives only its own configuration from the host and runs while {@code conf/} is root's alone; what a pool's
 * handler can reach of the other pool's folder and of applicationHost.config, it reports.
 */
class PoolIsolationIT {
    private static final Duration LONG = Duration.ofSeconds(60);
    /** Reports who runs it, or tries to read the file {@code ?path=} names and says what happened. */
    private static final String PROBE = """
            package test.iso;

            import io.lido.api.HttpContext;
            import io.lido.api.HttpHandler;
            import java.nio.file.Files;
            import java.nio.file.Path;

            public final class Probe implements HttpHandler {
                public void processRequest(HttpContext context) {
                    String path = context.request().query("path");
                    if (path == null) {
                        context.response().write(System.getProperty("user.name") + " " + ProcessHandle.current().pid());
                        return;
                    }
                    try {
                        context.response().write("read " + Files.readAllBytes(Path.of(path)).length + " bytes");
                    } catch (Exception e) {
                        context.response().write("refused " + e.getClass().getSimpleName());
                    }
                }
            }
            """;
    private static final String WEB_CONFIG = """
            <configuration>
              <system.webServer>
                <handlers><add name="Probe" path="probe" verb="GET" type="test.iso.Probe" /></handlers>
              </system.webServer>
            </configuration>
            """;

    @TempDir
    Path dir;

    private Path write(ThrowawayUser a, ThrowawayUser b) throws IOException {
        byte[] jar = TestApplicationJar.builder().source("test.iso.Probe", PROBE).build();
        for (String root : new String[] {"a", "b"}) {
            Files.createDirectories(dir.resolve(root).resolve("bin"));
            Files.write(dir.resolve(root).resolve("bin/probe.jar"), jar);
            // The host sees /b below the root application and its handlers (IIS inheritance): b clears them.
            Files.writeString(dir.resolve(root).resolve("web.config"),
                    root.equals("a") ? WEB_CONFIG : WEB_CONFIG.replace("<handlers>", "<handlers><clear />"));
        }
        Path config = dir.resolve("conf/applicationHost.config");
        Files.createDirectories(config.getParent());
        Files.writeString(config, """
                <configuration>
                  <system.applicationHost>
                    <applicationPools>
                      <add name="PoolA" hostingModel="outOfProcess" jvmAotCache="false">
                        <processModel identityType="SpecificUser" userName="%s" startupTimeLimit="00:01:00" />
                      </add>
                      <add name="PoolB" hostingModel="outOfProcess" jvmAotCache="false">
                        <processModel identityType="SpecificUser" userName="%s" startupTimeLimit="00:01:00" />
                        <environmentVariables><add name="POOL_B_SECRET" value="b-secret" /></environmentVariables>
                      </add>
                    </applicationPools>
                    <sites>
                      <site name="Isolation" id="1">
                        <application path="/" applicationPool="PoolA">
                          <virtualDirectory path="/" physicalPath="../a" />
                        </application>
                        <application path="/b" applicationPool="PoolB">
                          <virtualDirectory path="/" physicalPath="../b" />
                        </application>
                        <bindings><binding protocol="http" bindingInformation="127.0.0.1:0:" /></bindings>
                        <logFile directory="../logs" />
                      </site>
                    </sites>
                  </system.applicationHost>
                </configuration>
                """.formatted(a.name(), b.name()));
        // What the README tells an admin to do: conf/ is root's, each pool's folder its user's alone.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(config.getParent(), PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        a.ownPrivately(dir.resolve("a"));
        b.ownPrivately(dir.resolve("b"));
        return config;
    }

    @Test
    void eachPoolsWorkerRunsWithOnlyItsOwnConfigurationAndCannotReadTheOtherPoolsFolderOrConf() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "only root can switch users");
        try (ThrowawayUser a = ThrowawayUser.create(); ThrowawayUser b = ThrowawayUser.create()) {
            Path config = write(a, b);
            try (HostProcess host = HostProcess.start(config, Map.of())) {
                HttpResponse<String> whoA = host.get("/probe");
                assertThat(whoA.statusCode()).as(whoA.body()).isEqualTo(200);
                assertThat(whoA.body()).startsWith(a.name() + " ");
                HttpResponse<String> whoB = host.get("/b/probe");
                assertThat(whoB.statusCode()).as(whoB.body()).isEqualTo(200);
                assertThat(whoB.body()).startsWith(b.name() + " ");

                assertThat(probe(host, "/probe", dir.resolve("a/web.config"))).as("the probe reads what it may")
                        .isEqualTo("read " + WEB_CONFIG.length() + " bytes");
                assertThat(probe(host, "/probe", dir.resolve("b/web.config"))).isEqualTo("refused AccessDeniedException");
                assertThat(probe(host, "/probe", config)).isEqualTo("refused AccessDeniedException");
                assertThat(probe(host, "/b/probe", dir.resolve("a/web.config")))
                        .isEqualTo("refused AccessDeniedException");
                assertThat(probe(host, "/b/probe", config)).isEqualTo("refused AccessDeniedException");

                // What each worker received: its pool, and of the shared site only its own application.
                awaitTrue(() -> poolLog("PoolA").contains("application pool(s) ['PoolA']; site(s) ['Isolation' [/]]"),
                        LONG, "PoolA's worker to log its configuration");
                awaitTrue(() -> poolLog("PoolB").contains("application pool(s) ['PoolB']; site(s) ['Isolation' [/b]]"),
                        LONG, "PoolB's worker to log its configuration");
                assertThat(poolLog("PoolA")).contains("Configuration of " + config.toAbsolutePath().normalize() + " received")
                        .doesNotContain("PoolB").doesNotContain("cannot");
                for (ProcessHandle worker : host.workers()) {
                    assertThat(HostProcess.commandLine(worker.pid()))
                            .as("a worker's command line names no configuration file")
                            .doesNotContain("applicationHost.config").doesNotContain("--config");
                }
            }
        }
    }

    private static String probe(HostProcess host, String path, Path file) throws Exception {
        HttpResponse<String> response = host.get(path + "?path=" + file);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** Everything the pool's workers wrote to its log folder. */
    private String poolLog(String pool) {
        Path folder = dir.resolve("logs/AppPools").resolve(pool);
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.toString();
    }
}
