package io.lido.server;

import io.lido.server.activation.HostProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Through the distribution's {@code bin/lido}: a configuration that sets what Lido does not implement
 * (here anonymous requests run as an account other than the pool identity, which an administrator would believe
 * confines them),
 * two sites with the same binding, or a virtual directory without its folder stops the start with
 * exit status 2 and file:line; a live edit of applicationHost.config to an unsupported setting is
 * rejected while the server keeps serving with the last good configuration.
 */
class UnsupportedSettingIT {
    private static final String POOLS = """
            <applicationPools><add name="P" hostingModel="inProcess" /></applicationPools>
            """;

    @TempDir
    Path dir;

    private String site(String name, int id, String binding) {
        return """
                <site name="%s" id="%d">
                  <application path="/" applicationPool="P"><virtualDirectory path="/" physicalPath="../wwwroot" /></application>
                  <bindings><binding protocol="http" bindingInformation="%s" /></bindings>
                </site>
                """.formatted(name, id, binding);
    }

    private Path config(String sites, String rest) throws IOException {
        Files.createDirectories(dir.resolve("wwwroot"));
        Files.writeString(dir.resolve("wwwroot/hello.txt"), "hello");
        Path file = Files.createDirectories(dir.resolve("conf")).resolve("applicationHost.config");
        Files.writeString(file, "<configuration>\n<system.applicationHost>\n" + POOLS + "<sites>\n" + sites
                + "</sites>\n</system.applicationHost>\n" + rest + "</configuration>\n");
        return file;
    }

    @Test
    void anUnsupportedSettingStopsTheStartWithFileLineAndStatusTwo() throws Exception {
        Path file = config(site("S", 1, "127.0.0.1:0:"), """
                <system.webServer>
                  <security><authentication><anonymousAuthentication userName="guest" /></authentication></security>
                </system.webServer>
                """);
        Result result = runToExit(file);
        assertThat(result.status()).as(result.output()).isEqualTo(2);
        assertThat(result.output()).contains(file + ":" + lineOf(file, "<anonymousAuthentication")
                + ": <anonymousAuthentication> attribute \"userName\": \"guest\" is not supported yet")
                .doesNotContain("\tat ");
    }

    @Test
    void twoSitesWithOneBindingStopTheStartNamingBothLines() throws Exception {
        // A port that was free a moment ago: the start is refused before anything binds it.
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        String binding = "127.0.0.1:" + port + ":";
        Path file = config(site("A", 1, binding) + site("B", 2, binding), "");
        Result result = runToExit(file);
        assertThat(result.status()).as(result.output()).isEqualTo(2);
        assertThat(result.output()).contains(file + ":" + (lineOf(file, "name=\"B\"") + 2) + ": <binding "
                + "bindingInformation=\"" + binding + "\"> of site \"B\": the site \"A\" already has this binding at "
                + file + ":" + (lineOf(file, "name=\"A\"") + 2));
    }

    @Test
    void aVirtualDirectoryWithoutItsFolderStopsTheStart() throws Exception {
        Path file = config(site("S", 1, "127.0.0.1:0:").replace("../wwwroot", "../missing"), "");
        Result result = runToExit(file);
        assertThat(result.status()).as(result.output()).isEqualTo(2);
        assertThat(result.output()).contains(file + ":" + lineOf(file, "../missing") + ": <virtualDirectory path=\"/\"> "
                + "attribute \"physicalPath\": \"../missing\" is not an existing folder");
    }

    @Test
    void aLiveEditToAnUnsupportedSettingIsRejectedAndTheServerKeepsServing() throws Exception {
        Path file = config(site("S", 1, "127.0.0.1:0:"), "");
        try (HostProcess host = HostProcess.start(file, Map.of())) {
            assertThat(host.get("/hello.txt").body()).isEqualTo("hello");
            String text = Files.readString(file).replace("</configuration>",
                    "<system.webServer>\n<urlCompression doDynamicCompression=\"true\" />\n</system.webServer>\n"
                            + "</configuration>");
            Files.writeString(file, text);
            host.awaitLine(Pattern.compile("The changed configuration is invalid.*" + Pattern.quote(file + ":"
                    + lineOf(file, "<urlCompression") + ": <urlCompression> attribute \"doDynamicCompression\": "
                    + "\"true\" is not supported yet")), Duration.ofSeconds(60));
            assertThat(host.get("/hello.txt").statusCode()).isEqualTo(200);
            assertThat(host.get("/hello.txt").body()).isEqualTo("hello");
        }
    }

    private static int lineOf(Path file, String needle) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " is not in " + file);
    }

    private record Result(int status, String output) {
    }

    /** {@code bin/lido run --config FILE} of the distribution, which must exit by itself. */
    private static Result runToExit(Path config) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(HostProcess.dist().resolve("bin/lido").toString(), "run",
                "--config", config.toString()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("LIDO_AOT", "0");
        builder.environment().put("LIDO_AOT_PRETRAIN", "0");
        Process process = builder.start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread pump = Thread.ofVirtual().start(() -> {
            try {
                process.getInputStream().transferTo(output);
            } catch (IOException closed) {
                // the process is gone
            }
        });
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bin/lido did not exit:\n" + output.toString(StandardCharsets.UTF_8));
        }
        pump.join(Duration.ofSeconds(5));
        return new Result(process.exitValue(), output.toString(StandardCharsets.UTF_8));
    }
}
