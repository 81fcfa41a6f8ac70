package io.lido.server;

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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14 part 8: the tarball {@code ./mvnw package} builds, installed as the README says: unpacked into an
 * installation folder, started from it under a fake systemd (a NOTIFY_SOCKET this test listens on: READY=1 once
 * it serves, from the main pid, STOPPING=1 at SIGTERM, exit status 0), then upgraded with {@code bin/lido-upgrade}
 * from a second copy of the tarball: conf/ (with the operator's edit), logs/ and work/ survive, a jar of the "old
 * version" leaves lib/, and the upgraded installation serves again. Also a configuration outside the installation
 * through {@code LIDO_CONFIG}, which the control verbs find the same way.
 */
class InstallIT {
    private static final Pattern LISTENING = Pattern.compile("Lido listening on http://127\\.0\\.0\\.1:(\\d+)/");
    private static final Duration LONG = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Path tarball() {
        Path tarball = Path.of(System.getProperty("lido.tarball", "target/lido-0.1.0-SNAPSHOT.tar.gz"));
        assertThat(tarball).as("the package phase builds it").isRegularFile();
        assertThat(tarball.getFileName().toString()).matches("lido-.+\\.tar\\.gz");
        return tarball;
    }

    /** A running {@code bin/lido run} of the installation, with its output. */
    private final class Host implements AutoCloseable {
        final Process process;
        final List<String> output = new CopyOnWriteArrayList<>();
        final int port;

        Host(Path home, Map<String, String> env) throws Exception {
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/lido").toString(), "run", "--drain-timeout",
                    "5").redirectErrorStream(true).directory(dir.toFile());
            builder.environment().put("LIDO_AOT", "0");
            builder.environment().put("LIDO_AOT_PRETRAIN", "0");
            builder.environment().remove(ConfigLocation.VARIABLE);
            builder.environment().putAll(env);
            process = builder.start();
            Thread.ofVirtual().start(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        output.add(line);
                    }
                } catch (IOException e) {
                    output.add("(output: " + e + ")");
                }
            });
            port = Integer.parseInt(awaitLine(LISTENING).group(1));
        }

        Matcher awaitLine(Pattern pattern) throws InterruptedException {
            long end = System.nanoTime() + LONG.toNanos();
            while (System.nanoTime() < end) {
                for (String line : output) {
                    Matcher m = pattern.matcher(line);
                    if (m.find()) {
                        return m;
                    }
                }
                assertThat(process.isAlive() || !output.isEmpty()).isTrue();
                Thread.sleep(50);
            }
            throw new AssertionError("no line " + pattern + " in:\n" + String.join("\n", output));
        }

        HttpResponse<String> get(String path) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(LONG).build(), HttpResponse.BodyHandlers.ofString());
        }

        /** SIGTERM, as systemd stops the unit; the exit status. */
        int stop() throws InterruptedException {
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join("\n", output)).isTrue();
            return process.exitValue();
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static int run(Path workingDirectory, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(workingDirectory.toFile()).inheritIO().start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    private static String cli(Path home, Map<String, String> env, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(home.resolve("bin/lido").toString()),
                Stream.of(args)).toList()).redirectErrorStream(true);
        builder.environment().remove(ConfigLocation.VARIABLE);
        builder.environment().putAll(env);
        Process p = builder.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() + " " + text;
    }

    @Test
    void theTarballInstallsRunsUnderSystemdAndUpgradesKeepingConfLogsAndWork() throws Exception {
        Path home = dir.resolve("opt/lido");
        Files.createDirectories(home);
        assertThat(run(dir, "tar", "-xzf", tarball().toString(), "-C", home.toString(), "--strip-components=1"))
                .isZero();
        assertThat(home.resolve("bin/lido")).isExecutable();
        assertThat(home.resolve("bin/lido-upgrade")).isExecutable();
        assertThat(home.resolve("systemd/lido.service")).content().contains("Type=notify").contains("LimitNOFILE=")
                .contains("KillMode=mixed");
        assertThat(Files.getPosixFilePermissions(home.resolve("conf")))
                .isEqualTo(PosixFilePermissions.fromString("rwxr-x---"));
        assertThat(home.resolve("logs")).as("a fresh tarball has no logs").doesNotExist();
        assertThat(home.resolve("work")).doesNotExist();

        // The operator's edit: a port of its own (here any free one) and a comment.
        Path config = home.resolve("conf/applicationHost.config");
        String edited = Files.readString(config).replace("bindingInformation=\"*:8080:\"",
                "bindingInformation=\"127.0.0.1:0:\"")
                .replace("bindingInformation=\"*:8443:\"", "bindingInformation=\"127.0.0.1:0:\"")
                .replace("ipPort=\"0.0.0.0:8443\"", "ipPort=\"0.0.0.0:0\"").replace("<configuration>",
                "<configuration>\n  <!-- edited by the operator -->");
        assertThat(edited).contains("127.0.0.1:0:");
        Files.writeString(config, edited);

        Path notify = dir.resolve("notify");
        String firstLog;
        try (SystemdNotifyTest.FakeSystemd systemd = new SystemdNotifyTest.FakeSystemd(notify);
             Host host = new Host(home, Map.of("NOTIFY_SOCKET", notify.toString()))) {
            String ready = systemd.next();
            assertThat(ready).as(String.join("\n", host.output)).startsWith("READY=1\n")
                    .contains("MAINPID=" + host.process.pid());
            assertThat(host.get("/hello.txt").statusCode()).isEqualTo(200);
            String wp = cli(home, Map.of(), "list", "wp");
            assertThat(wp).as("the verbs find the installation's configuration").startsWith("0 WP \"");
            assertThat(cli(home, Map.of(), "list", "apppool")).startsWith("0 APPPOOL \"DefaultAppPool\"");
            assertThat(host.stop()).isZero();
            assertThat(systemd.next()).startsWith("STOPPING=1\n");
        }
        Path logs = home.resolve("logs/W3SVC1");
        List<Path> logFiles;
        try (Stream<Path> files = Files.list(logs)) {
            logFiles = files.toList();
        }
        assertThat(logFiles).isNotEmpty();
        firstLog = Files.readString(logFiles.getFirst());
        assertThat(firstLog).contains("/hello.txt");
        assertThat(home.resolve("work/run")).isDirectory();
        Path oldJar = home.resolve("lib/lido-old-0.0.1.jar");
        Files.write(oldJar, new byte[] {'P', 'K'});
        Files.writeString(home.resolve("work/kept.txt"), "state of the installation");

        // The upgrade: a second copy of the tarball unpacked over the installation by bin/lido-upgrade.
        Path second = dir.resolve("download/" + tarball().getFileName());
        Files.createDirectories(second.getParent());
        Files.copy(tarball(), second);
        assertThat(run(dir, home.resolve("bin/lido-upgrade").toString(), second.toString())).isZero();

        assertThat(oldJar).as("no jar of the old version stays on the class path").doesNotExist();
        assertThat(home.resolve("lib")).isDirectoryContaining("glob:**/lido-server-*.jar");
        assertThat(config).content().isEqualTo(edited);
        assertThat(logFiles.getFirst()).content().startsWith(firstLog);
        assertThat(home.resolve("work/kept.txt")).content().isEqualTo("state of the installation");
        try (Stream<Path> left = Files.list(home)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("nothing of the upgrade is left over")
                    .noneMatch(name -> name.startsWith(".upgrade") || name.endsWith(".old"));
        }

        // Upgraded, it serves again, here from a configuration outside the installation (LIDO_CONFIG).
        Path outside = dir.resolve("etc/lido/applicationHost.config");
        Files.createDirectories(outside.getParent());
        Files.writeString(outside, edited.replace("physicalPath=\"../wwwroot\"",
                "physicalPath=\"" + home.resolve("wwwroot") + "\"").replace("directory=\"../logs\"",
                "directory=\"" + home.resolve("logs") + "\""));
        Map<String, String> env = Map.of(ConfigLocation.VARIABLE, outside.toString());
        try (Host host = new Host(home, env)) {
            assertThat(host.get("/hello.txt").statusCode()).isEqualTo(200);
            assertThat(cli(home, env, "list", "apppool")).startsWith("0 APPPOOL \"DefaultAppPool\"");
            assertThat(run(dir, home.resolve("bin/lido-upgrade").toString(), second.toString()))
                    .as("a running Lido refuses the upgrade").isEqualTo(1);
            assertThat(host.stop()).isZero();
        }
    }
}
