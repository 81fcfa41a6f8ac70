package io.lido.server.activation;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.lido.server.activation.HostProcess.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Out-of-process pools through the real distribution: a host process, real worker JVMs, real kills.
 * Runs in the integration-test phase (after package builds target/lido).
 */
class WorkerProcessIT {
    private static final Duration LONG = Duration.ofSeconds(40);

    @TempDir
    Path dir;

    private final WorkerTestSite site = new WorkerTestSite();

    @Test
    void demandStartServesFromAWorkerJvmAndTheHostNeverLoadsApplicationClasses() throws Exception {
        Path classLog = dir.resolve("host-classes.txt");
        try (HostProcess host = HostProcess.start(site.write(dir),
                Map.of("LIDO_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog))) {
            assertThat(host.workers()).as("OnDemand: no worker before the first request").isEmpty();

            HttpResponse<String> response = host.get("/pid");
            assertThat(response.statusCode()).isEqualTo(200);
            long workerPid = Long.parseLong(response.body());
            assertThat(workerPid).isNotEqualTo(host.pid());
            assertThat(host.workers()).extracting(ProcessHandle::pid).containsExactly(workerPid);
            assertThat(host.get("/pid").body()).as("the same worker serves the next request").isEqualTo(response.body());

            HostProcess.CliResult list = host.cli("list", "wp");
            assertThat(list.status()).isZero();
            assertThat(list.output()).contains("WP \"" + workerPid + "\" (applicationPool:AppPool, state:Running");
            assertThat(Files.readString(classLog)).contains("io.lido.activation.ApplicationPool")
                    .doesNotContain("test.wp.").doesNotContain("io.lido.runtime.HttpRuntime");
            awaitTrue(() -> workerLogOf(workerPid).contains("of pool 'AppPool' is ready"), LONG,
                    "the pool's log to hold the worker's lines under its pid");
        }
    }

    @Test
    void killNineOfAWorkerUnderSteadyLoadFailsNoGet() throws Exception {
        try (HostProcess host = HostProcess.start(site.write(dir), Map.of())) {
            long first = Long.parseLong(host.get("/pid").body());
            Load load = Load.start(host, "/ok", 4);
            HostProcess.sleep(700);
            ProcessHandle.of(first).orElseThrow().destroyForcibly();
            awaitTrue(() -> host.count("terminated unexpectedly") == 1, LONG, "the crash to be logged");
            HostProcess.sleep(1500);
            load.stop();

            assertThat(load.failures).as("failed GETs").isEmpty();
            assertThat(load.ok.get()).isGreaterThan(20);
            assertThat(Long.parseLong(host.get("/pid").body())).isNotEqualTo(first);
            assertThat(host.output()).contains("signal 9 (SIGKILL)");
        }
    }

    @Test
    void aHangingHandlerGetsItsWorkerDumpedKilledAndReplacedByThePing() throws Exception {
        try (HostProcess host = HostProcess.start(site.write(dir), Map.of())) {
            long first = Long.parseLong(host.get("/pid").body());
            HttpResponse<String> hung = host.get("/hang", LONG);
            // The worker names the request it finds hung: 502 at once, never replayed onto a second worker.
            assertThat(hung.statusCode()).isEqualTo(502);
            assertThat(host.count("reported itself hung")).isEqualTo(1);
            assertThat(host.output()).contains("GET /hang (request").contains("is not replayed and gets 502");

            HttpResponse<String> after = host.get("/pid");
            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(Long.parseLong(after.body())).isNotEqualTo(first);
            try (Stream<Path> files = Files.walk(dir.resolve("logs/AppPools/AppPool"))) {
                Path dump = files.filter(f -> f.getFileName().toString().startsWith("threaddump-")).findFirst()
                        .orElseThrow(() -> new AssertionError("no thread dump in the pool's log folder"));
                assertThat(Files.readString(dump)).contains("test.wp.Handlers$Hang.processRequest");
            }
        }
    }

    @Test
    void aWorkerOverItsPrivateMemoryLimitIsRecycled() throws Exception {
        site.appPoolRecycling = "<periodicRestart privateMemory=\"400000\" />";
        try (HostProcess host = HostProcess.start(site.write(dir), Map.of())) {
            long first = Long.parseLong(host.get("/pid").body());
            assertThat(host.get("/grow?mb=450").statusCode()).isEqualTo(200);
            host.awaitLine(Pattern.compile("is being recycled because the worker process reached its private bytes limit"),
                    LONG);
            awaitTrue(() -> ProcessHandle.of(first).isEmpty(), LONG, "the old worker to exit");
            assertThat(Long.parseLong(host.get("/pid").body())).isNotEqualTo(first);
        }
    }

    @Test
    void anOverlappedRecycleUnderLoadHasNoErrors() throws Exception {
        try (HostProcess host = HostProcess.start(site.write(dir), Map.of())) {
            long first = Long.parseLong(host.get("/pid").body());
            Load load = Load.start(host, "/ok", 4);
            HostProcess.sleep(500);
            HostProcess.CliResult recycle = host.cli("recycle", "apppool", "AppPool");
            assertThat(recycle.status()).as(recycle.output()).isZero();
            assertThat(recycle.output()).contains("\"AppPool\" successfully recycled");
            awaitTrue(() -> ProcessHandle.of(first).isEmpty(), LONG, "the old worker to exit");
            HostProcess.sleep(500);
            load.stop();

            assertThat(load.failures).as("non-2xx or failed requests").isEmpty();
            assertThat(host.output()).contains("an administrator requested a recycle");
            assertThat(Long.parseLong(host.get("/pid").body())).isNotEqualTo(first);
        }
    }

    @Test
    void rapidFailProtectionStopsACrashingPoolUntilItIsStartedAgain() throws Exception {
        try (HostProcess host = HostProcess.start(site.write(dir), Map.of())) {
            // A GET that crashes its worker is not replayed: 3 requests = 3 crashes.
            for (int i = 0; i < 3; i++) {
                host.get("/crashy/crash", LONG);
            }
            host.awaitLine(Pattern.compile("'CrashPool' is being automatically disabled"), LONG);
            HttpResponse<String> refused = host.get("/crashy/ok");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).contains("rapid-fail");
            assertThat(host.get("/ok").statusCode()).as("the other pool serves").isEqualTo(200);

            assertThat(host.cli("start", "apppool", "CrashPool").status()).isZero();
            assertThat(host.get("/crashy/ok").statusCode()).isEqualTo(200);
            awaitTrue(() -> readHttpErr().contains("AppOffline"), LONG, "AppOffline in the httperr log");
        }
    }

    @Test
    void aFullQueueAnswers503AtOnce() throws Exception {
        site.appPoolAttributes = "queueLength=\"10\"";
        try (HostProcess host = HostProcess.start(site.write(dir), Map.of())) {
            // The pool is cold: requests wait in its queue while the worker starts; the 11th and later get 503.
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                responses.add(host.client().sendAsync(HttpRequest.newBuilder(host.uri("/ok")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            List<Integer> statuses = responses.stream().map(CompletableFuture::join)
                    .map(HttpResponse::statusCode).toList();
            assertThat(statuses).contains(503);
            assertThat(statuses.stream().filter(s -> s == 200).count()).isGreaterThanOrEqualTo(10);
            assertThat(statuses).allMatch(s -> s == 200 || s == 503);
            awaitTrue(() -> readHttpErr().contains("QueueFull"), LONG, "QueueFull in the httperr log");
        }
    }

    @Test
    void anIdleWorkerIsStoppedAndTheNextRequestStartsANewOne() throws Exception {
        site.appPoolProcessModel = "idleTimeout=\"00:00:02\"";
        try (HostProcess host = HostProcess.start(site.write(dir), Map.of())) {
            long first = Long.parseLong(host.get("/pid").body());
            awaitTrue(() -> host.workers().isEmpty(), LONG, "the idle worker to stop");
            assertThat(host.output()).contains("was shutdown due to inactivity");
            assertThat(Long.parseLong(host.get("/pid").body())).isNotEqualTo(first);
        }
    }

    @Test
    void aCrashLoopingPoolDoesNotDisturbAnotherPool() throws Exception {
        site.crashPoolFailure = "rapidFailProtection=\"false\"";
        try (HostProcess host = HostProcess.start(site.write(dir), Map.of())) {
            host.get("/ok");
            Load healthy = Load.start(host, "/ok", 3);
            AtomicBoolean crashing = new AtomicBoolean(true);
            AtomicInteger crashAnswers = new AtomicInteger();
            Thread crasher = Thread.ofVirtual().start(() -> {
                while (crashing.get()) {
                    try {
                        host.get("/crashy/crash", LONG);
                        crashAnswers.incrementAndGet();
                    } catch (IOException | InterruptedException e) {
                        return;
                    }
                }
            });
            awaitTrue(() -> host.count("terminated unexpectedly") >= 4, LONG, "CrashPool to crash repeatedly");
            crashing.set(false);
            healthy.stop();
            crasher.join(LONG);

            assertThat(healthy.failures).as("errors in the healthy pool").isEmpty();
            assertThat(healthy.ok.get()).isGreaterThan(20);
            assertThat(crashAnswers.get()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void aChangeOfThePoolsConfigurationRecyclesItsWorkers() throws Exception {
        Path config = site.write(dir);
        try (HostProcess host = HostProcess.start(config, Map.of())) {
            long first = Long.parseLong(host.get("/pid").body());
            Files.writeString(config, Files.readString(config).replace("<add name=\"AppPool\" hostingModel=\"outOfProcess\"",
                    "<add name=\"AppPool\" hostingModel=\"outOfProcess\" jvmOptions=\"-Dchanged=yes\""));
            host.awaitLine(Pattern.compile("is being recycled because the application pool configuration changed"), LONG);
            awaitTrue(() -> ProcessHandle.of(first).isEmpty(), LONG, "the old worker to exit");
            long second = Long.parseLong(host.get("/pid").body());
            assertThat(second).isNotEqualTo(first);
            assertThat(HostProcess.commandLine(second)).contains("-Dchanged=yes");
        }
    }

    @Test
    void workersRunAsThePoolsUserWhenTheHostIsRoot() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "only root can switch users");
        site.appPoolProcessModel = "identityType=\"SpecificUser\" userName=\"nobody\"";
        Path config = site.write(dir);
        // The pool's identity must be able to read its configuration and content (IIS grants the pool's
        // identity read access to the site's folders the same way).
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        try (HostProcess host = HostProcess.start(config, Map.of())) {
            HttpResponse<String> response = host.get("/pid");
            assertThat(response.statusCode()).isEqualTo(200);
            long pid = Long.parseLong(response.body());
            assertThat(ProcessHandle.of(pid).orElseThrow().info().user()).contains("nobody");
            assertThat(Files.getOwner(dir.resolve("logs/AppPools/AppPool/AppPool.log")).getName())
                    .as("the host writes the pool's log").isEqualTo("root");
            assertThat(Files.getOwner(dir.resolve("logs/AppPools/AppPool/dumps")).getName())
                    .as("the worker writes its dumps").isEqualTo("nobody");
        }
    }

    private String workerLogOf(long pid) {
        try {
            return HostProcess.workerLog(dir.resolve("logs"), "AppPool", pid);
        } catch (IOException e) {
            return "";
        }
    }

    private String readHttpErr() {
        return HostProcess.readHttpErr(dir.resolve("logs"));
    }

    /** Threads that GET one path in a loop and record anything but a 2xx. */
    private static final class Load {
        final AtomicInteger ok = new AtomicInteger();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        static Load start(HostProcess host, String path, int threads) {
            Load load = new Load();
            for (int i = 0; i < threads; i++) {
                load.threads.add(Thread.ofVirtual().start(() -> {
                    while (load.running.get()) {
                        try {
                            HttpResponse<String> r = host.get(path);
                            if (r.statusCode() / 100 == 2) {
                                load.ok.incrementAndGet();
                            } else {
                                load.failures.add(r.statusCode() + " " + r.body());
                            }
                        } catch (IOException e) {
                            load.failures.add(e.toString());
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }));
            }
            return load;
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(Duration.ofSeconds(40));
            }
        }
    }
}
