package io.lido.server;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The functions of bin/host-aot-cache.sh that decide the host cache's key, whether options bring a cache of
 * their own, and the clean-up, run by bash on a fake distribution (HostAotCacheIT runs the whole launcher).
 */
class HostAotScriptTest {
    private static final Path SCRIPT = Path.of("src/dist/bin/host-aot-cache.sh");

    @TempDir
    Path home;

    @BeforeEach
    void fakeDistribution() throws IOException {
        Files.createDirectories(home.resolve("lib"));
        Files.writeString(home.resolve("lib/a.jar"), "a");
        Files.writeString(home.resolve("lib/b.jar"), "b");
    }

    /** Runs a bash snippet after sourcing the script with bin/lido's variables; returns its standard output. */
    private String bash(String snippet, String userOptions, Map<String, String> env) throws Exception {
        String script = "java_bin=" + quote(Path.of(System.getProperty("java.home"), "bin", "java").toString()) + "\n"
                + "lido_home=" + quote(home.toString()) + "\n"
                + "base_options=(--enable-native-access=ALL-UNNAMED)\n"
                + "user_options=(" + userOptions + ")\n"
                + "home_option=-Dlido.home=" + quote(home.toString()) + "\n"
                + "class_path=" + quote(home + "/lib/*") + "\n"
                + "aot_options=()\n"
                + "source " + quote(SCRIPT.toAbsolutePath().toString()) + "\n"
                + snippet + "\n";
        ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script);
        builder.environment().keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"));
        builder.environment().putAll(env);
        Process process = builder.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.strip();
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private String key(String userOptions, Map<String, String> env) throws Exception {
        String key = bash("host_aot_key", userOptions, env);
        assertThat(key).matches("[0-9a-f]{24}");
        return key;
    }

    @Test
    void theKeyChangesWithTheJarsTheOptionsAndTheOptionVariablesButNotWithLogging() throws Exception {
        String key = key("", Map.of());
        assertThat(key("", Map.of())).as("the same inputs").isEqualTo(key);
        assertThat(key("-Xlog:aot -Xlog:gc", Map.of())).as("logging does not decide whether a cache maps")
                .isEqualTo(key);

        assertThat(key("-Xmx256m", Map.of())).isNotEqualTo(key);
        assertThat(key("", Map.of("JAVA_TOOL_OPTIONS", "-Xmx256m"))).isNotEqualTo(key);
        Path jar = home.resolve("lib/b.jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        String touched = key("", Map.of());
        assertThat(touched).as("a jar's modification time").isNotEqualTo(key);
        Files.writeString(home.resolve("lib/c.jar"), "c");
        assertThat(key("", Map.of())).as("a new jar").isNotEqualTo(touched).isNotEqualTo(key);
    }

    @Test
    void optionsThatChooseACacheOfTheirOwnTurnLidosOff() throws Exception {
        String check = "if host_aot_options_own_one; then echo own; else echo lido; fi";
        assertThat(bash(check, "-Xmx1g", Map.of())).isEqualTo("lido");
        assertThat(bash(check, "-XX:AOTCache=/x.aot", Map.of())).isEqualTo("own");
        assertThat(bash(check, "-Xshare:off", Map.of())).isEqualTo("own");
        assertThat(bash(check, "", Map.of("JDK_JAVA_OPTIONS", "-XX:SharedArchiveFile=/x.jsa"))).isEqualTo("own");
        assertThat(bash("host_aot_cache run; echo \"${#aot_options[@]}\"", "-XX:AOTCacheOutput=/x.aot", Map.of()))
                .isEqualTo("0");
    }

    @Test
    void helpAndVersionRunsGetNoCache() throws Exception {
        assertThat(bash("host_aot_cache run --help; echo \"${#aot_options[@]}\"", "", Map.of())).isEqualTo("0");
        assertThat(home.resolve("work")).doesNotExist();

        assertThat(bash("host_aot_cache run; printf '%s\\n' \"${aot_options[@]}\"", "", Map.of()))
                .as("a run without a cache trains one").contains("-XX:AOTCacheOutput=" + home + "/work/aot/host-");
    }

    @Test
    void theCleanUpKeepsTheThreeNewestHostCachesUsedAndTheTrainingsMadeWithinThirtyDays() throws Exception {
        Path aot = Files.createDirectories(home.resolve("work/aot"));
        List<Path> caches = new ArrayList<>();
        for (int hours : new int[]{1, 2, 3, 4, 24 * 31}) {
            Path cache = Files.writeString(aot.resolve("host-" + hours + ".aot"), "cache");
            Files.writeString(aot.resolve("host-" + hours + ".aot.ok"), "5");
            Files.setLastModifiedTime(cache, FileTime.from(Instant.now().minus(Duration.ofHours(hours))));
            caches.add(cache);
        }
        Path oldTraining = Files.createDirectories(aot.resolve("host-5.training"));
        Files.writeString(oldTraining.resolve("cache.aot"), "cache");
        Files.setLastModifiedTime(oldTraining, FileTime.from(Instant.now().minus(Duration.ofDays(31))));
        Path training = Files.createDirectories(aot.resolve("host-6.training"));
        // A month-old training whose JVM still runs (its command line names the output, as a training JVM's does)
        Path running = Files.createDirectories(aot.resolve("host-7.training"));
        // ("; exit 0" keeps bash from exec'ing sleep, which would replace that command line)
        Process trainer = new ProcessBuilder("bash", "-c", "sleep 30; exit 0",
                "-XX:AOTCacheOutput=" + running.resolve("cache.aot")).start();
        Files.writeString(running.resolve("pid"), trainer.pid() + "\n");
        Files.setLastModifiedTime(running, FileTime.from(Instant.now().minus(Duration.ofDays(31))));
        Path workers = Files.writeString(aot.resolve("0123456789abcdef01234567.aot"), "a worker cache");
        Files.setLastModifiedTime(workers, FileTime.from(Instant.now().minus(Duration.ofDays(1))));

        String output;
        try {
            output = bash("host_aot_delete_unused " + quote(aot.toString()), "", Map.of());
        } finally {
            trainer.destroyForcibly();
        }

        assertThat(caches.subList(0, 3)).allMatch(Files::exists);
        assertThat(caches.subList(3, 5)).noneMatch(Files::exists);
        assertThat(aot.resolve("host-4.aot.ok")).doesNotExist();
        assertThat(oldTraining).doesNotExist();
        assertThat(training).exists();
        assertThat(running).as("its JVM still trains").exists();
        assertThat(workers).as("the workers' caches are theirs to clean").exists();
        assertThat(output).contains("deleted JDK AOT cache " + caches.get(4) + ": unused for 30 days")
                .contains("deleted JDK AOT cache " + caches.get(3) + ": 3 newer host caches are kept");
    }
}
