package io.lido.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built distribution (target/lido, made in the package phase) started as a real process through its
 * launcher, {@code bin/lido run --config FILE}: it serves the sample and static files over a socket,
 * exits 0 on SIGTERM after a graceful stop, and exits 2 with the file and line of an invalid
 * configuration. Runs in the integration-test phase (maven-failsafe-plugin).
 */
class DistributionIT {
    private static final Pattern LISTENING = Pattern.compile("Lido listening on http://127\\.0\\.0\\.1:(\\d+)/");

    @TempDir
    Path dir;

    private Process process;
    private Thread pump;
    private final List<String> output = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    @AfterEach
    void killLeftover() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    @Test
    void servesOverASocketAndExitsZeroOnSigterm() throws Exception {
        Path dist = distribution();
        Path config = dir.resolve("conf/applicationHost.config");
        Files.createDirectories(config.getParent());
        String defaults = Files.readString(dist.resolve("conf/applicationHost.config"));
        // The distribution's own configuration, on an ephemeral port, serving the distribution's wwwroot.
        Files.writeString(config, defaults
                .replace("bindingInformation=\"*:8080:\"", "bindingInformation=\"127.0.0.1:0:\"")
                .replace("bindingInformation=\"*:8443:\"", "bindingInformation=\"127.0.0.1:0:\"")
                .replace("ipPort=\"0.0.0.0:8443\"", "ipPort=\"0.0.0.0:0\"")
                .replace("physicalPath=\"../wwwroot\"", "physicalPath=\"" + dist.resolve("wwwroot") + "\""));

        start(dist, "run", "--config", config.toString(), "--drain-timeout", "5");
        int port = awaitPort();

        assertServesTheSample(port, dist);
        assertStopsWithZeroOnSigterm();
    }

    @Test
    void findsItsDefaultConfigurationFromTheJarLocation() throws Exception {
        // A copy of the distribution on an ephemeral port, started as "java -cp lib/* ... run" without
        // --config or -Dlido.home: Lido finds conf/ beside the lib/ its jar is in.
        Path copy = dir.resolve("lido");
        copyTree(distribution(), copy);
        Path config = copy.resolve("conf/applicationHost.config");
        Files.writeString(config, Files.readString(config)
                .replace("bindingInformation=\"*:8080:\"", "bindingInformation=\"127.0.0.1:0:\"")
                .replace("bindingInformation=\"*:8443:\"", "bindingInformation=\"127.0.0.1:0:\"")
                .replace("ipPort=\"0.0.0.0:8443\"", "ipPort=\"0.0.0.0:0\""));

        start(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-cp", copy.resolve("lib") + "/*", "io.lido.server.Main", "run"));
        int port = awaitPort();

        assertServesTheSample(port, copy);
        assertStopsWithZeroOnSigterm();
        assertThat(copy.resolve("logs/W3SVC1")).isDirectoryContaining("glob:**/u_ex*.log");
    }

    private static void assertServesTheSample(int port, Path dist) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> hello = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/hello")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(hello.statusCode()).isEqualTo(200);
        assertThat(hello.body()).isEqualTo("Hello, World!");
        assertThat(hello.headers().firstValue("X-Hello-Requests")).hasValue("1");
        HttpResponse<String> file = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/hello.txt")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(file.body()).isEqualTo(Files.readString(dist.resolve("wwwroot/hello.txt")));
    }

    private void assertStopsWithZeroOnSigterm() throws Exception {
        // SIGTERM through the handle: Process.destroy() would also close our end of its output.
        assertThat(process.toHandle().destroy()).isTrue();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
        pump.join(Duration.ofSeconds(5));
        assertThat(process.exitValue()).as("exit status; output:%n%s", String.join("\n", output)).isZero();
        assertThat(String.join("\n", output)).contains("Lido stopping", "Lido stopped");
    }

    @Test
    void invalidConfigurationExitsTwoWithFileAndLine() throws Exception {
        Path config = dir.resolve("bad.config");
        Files.writeString(config, """
                <configuration>
                  <system.applicationHost>
                    <sites>
                      <site name="Default Web Site" id="one" />
                    </sites>
                  </system.applicationHost>
                </configuration>
                """);

        start(distribution(), "run", "--config", config.toString());

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        pump.join(Duration.ofSeconds(5));
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(String.join("\n", output)).contains("bad.config:4").contains("id").doesNotContain("\tat ");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    private static Path distribution() {
        Path dist = Path.of(System.getProperty("lido.dist", "target/lido"));
        assertThat(dist.resolve("bin/lido")).as("the distribution is built in the package phase").isExecutable();
        return dist;
    }

    /** Runs the distribution's launcher, bin/lido, with the JDK running this test as JAVA_HOME. */
    private void start(Path dist, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(dist.resolve("bin/lido").toString()));
        command.addAll(List.of(args));
        start(command);
    }

    private void start(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        // Without the host's JDK AOT cache: a training run would write it at exit (HostAotCacheIT covers it).
        builder.environment().put("LIDO_AOT", "0");
        // Workers only when requests start them: AotCacheIT covers the training of pools' caches ahead of demand.
        builder.environment().put("LIDO_AOT_PRETRAIN", "0");
        process = builder.start();
        pump = Thread.ofVirtual().start(this::readOutput);
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                output.add(line);
                lines.add(line);
            }
        } catch (IOException closed) {
            lines.add("<output closed: " + closed.getMessage() + ">");
        }
    }

    private int awaitPort() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.find()) {
                    return Integer.parseInt(matcher.group(1));
                }
            }
            assertThat(process.isAlive()).as("Lido is running; output:%n%s", String.join("\n", output)).isTrue();
        }
        throw new AssertionError("Lido did not report its port within 30 s; output:\n" + String.join("\n", output));
    }
}
