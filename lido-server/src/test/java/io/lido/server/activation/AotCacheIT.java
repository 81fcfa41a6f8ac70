package io.lido.server.activation;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workers' JDK AOT cache through the real distribution: the first worker of a JVM configuration trains it,
 * the next cold start starts from it, and a broken cache file does not stop a worker. Each test gives its pool
 * an option of its own, so that its cache key is new (the caches live in the distribution's work/aot). Only the
 * test that says so lets the host train on-demand pools' caches before their first request (HostProcess turns
 * that off).
 */
class AotCacheIT {
    private static final Duration LONG = Duration.ofSeconds(60);
    private static final Pattern TRAINS = Pattern.compile("this worker trains the JDK AOT cache ([0-9a-f]+)\\.aot");

    @TempDir
    Path dir;

    private final WorkerTestSite site = new WorkerTestSite();
    private final List<String> keys = new ArrayList<>();

    private Path aotFolder() {
        return HostProcess.dist().resolve("work/aot");
    }

    @AfterEach
    void deleteTheCaches() throws IOException {
        for (String key : keys) {
            Files.deleteIfExists(aotFolder().resolve(key + ".aot"));
            Files.deleteIfExists(aotFolder().resolve(key + ".aot.ok"));
        }
    }

    private String workerLog(long pid) throws IOException {
        return HostProcess.workerLog(dir.resolve("logs"), "AppPool", pid);
    }

    @Test
    void aColdStartAfterTheFirstWorkerExitedStartsFromTheCacheItTrained() throws Exception {
        site.appPoolAttributes = "jvmOptions=\"-Dlido.test.aot=" + UUID.randomUUID() + "\"";
        Path config = site.write(dir);
        String key;
        try (HostProcess host = HostProcess.start(config, Map.of())) {
            long trainer = Long.parseLong(host.get("/pid").body());
            key = host.awaitLine(TRAINS, LONG).group(1);
            keys.add(key);
            assertThat(workerLog(trainer)).contains("training AOT cache");

            // the trainer exits normally (drains) and its JVM writes the cache; the host checks and keeps it
            HostProcess.CliResult recycle = host.cli("recycle", "apppool", "AppPool");
            assertThat(recycle.status()).as(recycle.output()).isZero();
            host.awaitLine(Pattern.compile("JDK AOT cache .*" + key + "\\.aot is ready"), LONG);
        }
        assertThat(aotFolder().resolve(key + ".aot")).isRegularFile();
        assertThat(aotFolder().resolve(key + ".aot.ok")).as("a JVM mapped it before it was kept").isRegularFile();
        assertThat(aotFolder().resolve(key + ".training")).doesNotExist();

        try (HostProcess host = HostProcess.start(config, Map.of())) {
            long pid = Long.parseLong(host.get("/pid").body());
            assertThat(workerLog(pid)).contains("started from AOT cache " + aotFolder().toAbsolutePath()
                    .resolve(key + ".aot"));
            assertThat(host.output()).doesNotContain("trains the JDK AOT cache");
        }
    }

    @Test
    void anOnDemandPoolTrainsItsCacheAtHostStartWithoutARequestAndItsFirstRequestStartsFromIt() throws Exception {
        site.appPoolAttributes = "jvmOptions=\"-Dlido.test.aot=" + UUID.randomUUID() + "\"";
        Path config = site.write(dir);
        try (HostProcess host = HostProcess.start(config, Map.of("LIDO_AOT_PRETRAIN", "1"))) {
            host.awaitLine(Pattern.compile("Application pool 'AppPool': its JVM has no AOT cache yet: a worker starts"
                    + " now to train it, and stops again once it is ready"), LONG);
            String key = host.awaitLine(TRAINS, LONG).group(1);
            keys.add(key);
            host.awaitLine(Pattern.compile("Application pool 'AppPool': worker process 1 \\(pid \\d+\\) drains: it was"
                    + " started only to train the AOT cache"), LONG);
            host.awaitLine(Pattern.compile("JDK AOT cache .*" + key + "\\.aot is ready"), LONG);
            assertThat(aotFolder().resolve(key + ".aot")).isRegularFile();
            assertThat(aotFolder().resolve(key + ".aot.ok")).as("a JVM mapped it before it was kept").isRegularFile();
            HostProcess.awaitTrue(() -> appPoolWorkers(host).isEmpty(), LONG, "the training worker to be gone");
            assertThat(host.output()).as("the pool is on demand again, not stopped")
                    .doesNotContain("Application pool 'AppPool' was stopped");

            var response = host.get("/pid");
            assertThat(response.statusCode()).isEqualTo(200);
            long pid = Long.parseLong(response.body());
            assertThat(workerLog(pid)).contains("started from AOT cache " + aotFolder().toAbsolutePath()
                    .resolve(key + ".aot"));
            assertThat(appPoolWorkers(host)).singleElement().asString().contains("WP \"" + pid + "\"");
        }
    }

    @Test
    void aTrainingUrlLoadsTheTrainingWorkerThroughTheListenerBeforeItExitsAndWritesTheCache() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        site.appPoolAttributes = "jvmOptions=\"-Dlido.test.aot=" + UUID.randomUUID() + "\" jvmAotTrainingUrl=\""
                + "http://127.0.0.1:" + port + "/pid\" jvmAotTrainingTime=\"00:00:03\"";
        Path config = site.write(dir);
        Files.writeString(config, Files.readString(config).replace("127.0.0.1:0:", "127.0.0.1:" + port + ":"));
        try (HostProcess host = HostProcess.start(config, Map.of("LIDO_AOT_PRETRAIN", "1"))) {
            String key = host.awaitLine(TRAINS, LONG).group(1);
            keys.add(key);
            String trainer = host.awaitLine(Pattern.compile("Application pool 'AppPool': worker process 1 \\(pid (\\d+)\\)"
                    + " trains the AOT cache under load: GET http://127.0.0.1:" + port + "/pid for 00:00:03"), LONG).group(1);
            var done = host.awaitLine(Pattern.compile("Application pool 'AppPool': AOT training load done: (\\d+) requests"
                    + " to http://127.0.0.1:" + port + "/pid in 00:00:03 \\(statuses \\{200=(\\d+)}\\)"), LONG);
            assertThat(Long.parseLong(done.group(2))).as("answered by the worker").isEqualTo(Long.parseLong(done.group(1)))
                    .isGreaterThan(10);
            host.awaitLine(Pattern.compile("worker process 1 \\(pid " + trainer + "\\) drains: its AOT training load is"
                    + " over"), LONG);
            host.awaitLine(Pattern.compile("JDK AOT cache .*" + key + "\\.aot is ready"), LONG);
            assertThat(aotFolder().resolve(key + ".aot")).isRegularFile();
            try (var lines = Files.walk(dir.resolve("logs"))) {
                String accessLogs = lines.filter(f -> f.getFileName().toString().endsWith(".log")).map(f -> {
                    try {
                        return Files.readString(f);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).reduce("", String::concat);
                assertThat(accessLogs).as("the load went through the listener and its W3C log")
                        .contains("GET /pid - " + port).contains("Lido+AOT+training");
            }

            long pid = Long.parseLong(host.get("/pid").body());
            assertThat(pid).isNotEqualTo(Long.parseLong(trainer));
            assertThat(workerLog(pid)).contains("started from AOT cache " + aotFolder().toAbsolutePath()
                    .resolve(key + ".aot"));
        }
    }

    /** The AppPool lines of {@code lido list wp}. */
    private static List<String> appPoolWorkers(HostProcess host) {
        try {
            HostProcess.CliResult list = host.cli("list", "wp");
            assertThat(list.status()).as(list.output()).isZero();
            return list.output().lines().filter(line -> line.contains("applicationPool:AppPool")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Test
    void aBrokenCacheFileOnlyCostsTheWorkerItsHeadStart() throws Exception {
        site.appPoolAttributes = "jvmOptions=\"-Dlido.test.aot=" + UUID.randomUUID() + "\"";
        Path config = site.write(dir);
        String key;
        try (HostProcess host = HostProcess.start(config, Map.of())) {
            assertThat(host.get("/pid").statusCode()).isEqualTo(200);
            key = host.awaitLine(TRAINS, LONG).group(1);
            keys.add(key);
        }
        Files.createDirectories(aotFolder());
        Files.writeString(aotFolder().resolve(key + ".aot"), "not an AOT cache: a disk error, a cut copy");

        try (HostProcess host = HostProcess.start(config, Map.of())) {
            var response = host.get("/pid");
            assertThat(response.statusCode()).isEqualTo(200);
            long pid = Long.parseLong(response.body());
            assertThat(workerLog(pid)).contains("could not be used (the JVM's [aot] lines are in "
                    + aotFolder().resolve("aot.log").toAbsolutePath().normalize() + ")")
                    .as("the JVM's AOT chatter stays out of the pool's log").doesNotContainPattern("\\]\\[\\s*aot");
            assertThat(Files.readString(aotFolder().resolve("aot.log"))).contains("[AppPool " + pid + "] [");
        }
    }

    @Test
    void jvmAotCacheFalseStartsWorkersWithoutOne() throws Exception {
        site.appPoolAttributes = "jvmAotCache=\"false\"";
        try (HostProcess host = HostProcess.start(site.write(dir), Map.of())) {
            long pid = Long.parseLong(host.get("/pid").body());
            assertThat(workerLog(pid)).contains("; no AOT cache");
            assertThat(host.output()).doesNotContain("JDK AOT cache");
        }
    }
}
