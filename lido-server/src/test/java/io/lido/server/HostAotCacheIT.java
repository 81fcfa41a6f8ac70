package io.lido.server;

import io.lido.server.activation.HostProcess;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The host JVM's JDK AOT cache through bin/lido of a copy of the distribution (its work/aot is the test's
 * own): the first run trains it and writes it at a clean stop, the next run checks it, keeps it and starts from
 * it; a run that is killed leaves nothing usable and a broken cache file is deleted, both trained again;
 * LIDO_AOT=0 and the CLI verbs leave the cache alone. Runs that the test does not need to stop cleanly are
 * killed, to spare the seconds a training JVM takes to write its cache at exit.
 */
class HostAotCacheIT {
    private static final Duration LONG = Duration.ofSeconds(60);
    private static final Pattern TRAINS = Pattern.compile(
            "Host JVM trains JDK AOT cache .*/work/aot/(host-[0-9a-f]{24})\\.training/cache\\.aot");
    private static final Map<String, String> WITH_CACHE = Map.of("LIDO_AOT", "1");

    @TempDir
    Path dir;

    private Path dist;
    private Path config;

    @BeforeEach
    void copyTheDistribution() throws IOException {
        dist = dir.resolve("lido");
        for (String folder : new String[]{"bin", "conf", "lib", "wwwroot"}) {
            HostProcess.copyTree(HostProcess.dist().resolve(folder), dist.resolve(folder));
        }
        config = dist.resolve("conf/applicationHost.config");
        // In-process, so that no worker JVM trains a cache of its own at the clean stop.
        Files.writeString(config, Files.readString(config)
                .replace("bindingInformation=\"*:8080:\"", "bindingInformation=\"127.0.0.1:0:\"")
                .replace("bindingInformation=\"*:8443:\"", "bindingInformation=\"127.0.0.1:0:\"")
                .replace("ipPort=\"0.0.0.0:8443\"", "ipPort=\"0.0.0.0:0\"")
                .replace("hostingModel=\"outOfProcess\"", "hostingModel=\"inProcess\""));
    }

    private Path aot() {
        return dist.resolve("work/aot");
    }

    private HostProcess start(Map<String, String> env) throws IOException {
        return HostProcess.start(dist, config, env);
    }

    private String logOfTheCache() {
        try {
            return Files.readString(aot().resolve("host-aot-exit.log"));
        } catch (IOException e) {
            return "";
        }
    }

    private static void assertServes(HostProcess host) throws Exception {
        assertThat(host.get("/hello").body()).isEqualTo("Hello, World!");
    }

    @Test
    void theFirstRunTrainsTheCacheAndTheNextRunsStartFromIt() throws Exception {
        String key;
        HostProcess trainer = start(WITH_CACHE);
        try (HostProcess host = trainer) {
            key = host.awaitLine(TRAINS, LONG).group(1);
            assertServes(host);
        } // SIGTERM: the JVM writes the cache as it exits
        // What the JVM prints as it writes the cache is the cache's log, not Lido's.
        HostProcess.awaitTrue(() -> logOfTheCache().contains("AOTCache creation is complete"), LONG,
                "the training JVM's lines in work/aot/host-aot-exit.log");
        assertThat(logOfTheCache()).contains("Picked up JAVA_TOOL_OPTIONS");
        assertThat(trainer.output()).doesNotContain("Picked up JAVA_TOOL_OPTIONS").doesNotContain("AOTConfiguration")
                .doesNotContain("AOTCache creation");
        Path training = aot().resolve(key + ".training");
        assertThat(training.resolve("cache.aot")).as("written at the clean stop").isNotEmptyFile();
        assertThat(training.resolve("cache.aot.config")).as("the JVM's temporary file, gone once written")
                .doesNotExist();
        assertThat(training.resolve("serving")).as("the run got as far as serving").exists();

        // Caches of other keys: one unused for 40 days, three used hours ago (only the two newest are kept
        // with the new one)
        Path unused = fakeCache("host-000000000000000000000040", Duration.ofDays(40));
        List<Path> recent = List.of(fakeCache("host-000000000000000000000001", Duration.ofHours(1)),
                fakeCache("host-000000000000000000000002", Duration.ofHours(2)),
                fakeCache("host-000000000000000000000003", Duration.ofHours(3)));

        Path cache = aot().resolve(key + ".aot");
        // -Xlog does not change the key: the JVM's own log shows the cache it maps
        try (HostProcess host = start(Map.of("LIDO_AOT", "1", "LIDO_JAVA_OPTS", "-Xlog:aot=info"))) {
            host.awaitLine(Pattern.compile(Pattern.quote("JDK AOT cache " + cache + " is ready")), LONG);
            host.awaitLine(Pattern.compile(Pattern.quote("Host JVM started from JDK AOT cache " + cache)), LONG);
            assertThat(host.output()).contains("Opened AOT cache " + cache).doesNotContain("trains JDK AOT cache");
            assertServes(host);
        }
        assertThat(training).as("kept as the cache, the training folder is gone").doesNotExist();
        assertThat(unused).doesNotExist();
        assertThat(recent.get(0)).exists();
        assertThat(recent.get(1)).exists();
        assertThat(recent.get(2)).doesNotExist();
        assertThat(aot().resolve(key + ".aot.ok")).hasContent(Long.toString(Files.size(cache)));

        try (HostProcess host = start(WITH_CACHE)) {
            host.awaitLine(Pattern.compile(Pattern.quote("Host JVM started from JDK AOT cache " + cache)), LONG);
            assertThat(host.output()).as("a cache a JVM mapped is not checked again").doesNotContain("is ready");
            assertServes(host);
        }
    }

    private Path fakeCache(String key, Duration unusedFor) throws IOException {
        Path cache = Files.writeString(aot().resolve(key + ".aot"), "another key's cache");
        Files.setLastModifiedTime(cache, FileTime.from(Instant.now().minus(unusedFor)));
        return cache;
    }

    @Test
    void aKilledTrainingRunAndABrokenCacheFileAreTrainedAgain() throws Exception {
        String key;
        try (HostProcess host = start(WITH_CACHE)) {
            key = host.awaitLine(TRAINS, LONG).group(1);
            // another Lido of the same home while the first trains: it starts without a cache
            Path other = Files.copy(config, config.resolveSibling("other.config"));
            try (HostProcess second = HostProcess.start(dist, other, WITH_CACHE)) {
                assertThat(second.output()).contains("starting without a JDK AOT cache: another Lido (pid "
                        + host.pid() + ") is training " + aot().resolve(key + ".aot"));
                assertServes(second);
                second.kill();
            }
            assertServes(host);
            host.kill();
        }
        assertThat(aot().resolve(key + ".training/cache.aot")).as("a killed JVM writes no cache").doesNotExist();

        try (HostProcess host = start(WITH_CACHE)) {
            host.awaitLine(Pattern.compile(Pattern.quote("the run that trained JDK AOT cache "
                    + aot().resolve(key + ".aot") + " stopped without writing it")), LONG);
            host.awaitLine(TRAINS, LONG);
            assertServes(host);
            host.kill();
        }

        // A cut copy, beside the proof of the cache it replaced: checked, deleted, never used
        Path cache = aot().resolve(key + ".aot");
        Files.writeString(cache, "not an AOT cache", StandardCharsets.UTF_8);
        Files.writeString(aot().resolve(key + ".aot.ok"), "30580736");
        try (HostProcess host = start(WITH_CACHE)) {
            host.awaitLine(Pattern.compile(Pattern.quote("deleted JDK AOT cache " + cache
                    + ": a JVM cannot start from it")), LONG);
            host.awaitLine(TRAINS, LONG);
            assertThat(host.output()).doesNotContain("Host JVM started from JDK AOT cache");
            assertServes(host);
            host.kill();
        }
        assertThat(cache).doesNotExist();
        assertThat(aot().resolve(key + ".aot.ok")).doesNotExist();
    }

    @Test
    void lidoAotZeroAndTheCliVerbsLeaveTheCacheAlone() throws Exception {
        try (HostProcess host = start(Map.of("LIDO_AOT", "0"))) {
            assertServes(host);
            // Only the host JVM's own cache: the worker pools' pretraining logs its own (switched off) line.
            assertThat(host.output()).doesNotContain("Host JVM").doesNotContain("HostAotCache");

            Process list = new ProcessBuilder(dist.resolve("bin/lido").toString(), "list", "apppool", "--config",
                    config.toString()).redirectErrorStream(true).start();
            String output = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(list.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(list.exitValue()).as(output).isZero();
            assertThat(output).doesNotContain("AOT");
        }
        assertThat(dist.resolve("work/aot")).doesNotExist();
    }
}
