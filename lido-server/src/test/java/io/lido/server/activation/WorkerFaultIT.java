package io.lido.server.activation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import static io.lido.server.activation.HostProcess.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request that brings its worker down brings down one worker, through the real distribution: System.exit, a
 * native crash, a hang and a spin inside a GET answer 502 at once, are not replayed on a second worker and are named
 * in the log; an innocent request in flight on the same worker is replayed and succeeds; rapid-fail protection counts
 * one failure per bad request; an OutOfMemoryError answers 500 and replaces the worker (docs/activation.md).
 */
class WorkerFaultIT {
    private static final Duration LONG = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final WorkerTestSite site = new WorkerTestSite();

    @Test
    void systemExitInAGetTakesOneWorkerAndTheInnocentSlowRequestIsReplayedOnTheNext() throws Exception {
        site.appPoolPing = "pingInterval=\"00:00:01\" pingResponseTime=\"00:00:30\""; // the slow one is no hang
        try (HostProcess host = HostProcess.start(site.write(dir), Map.of())) {
            long first = Long.parseLong(host.get("/pid").body());
            Path mark = dir.resolve("slow-started");
            CompletableFuture<HttpResponse<String>> slow = host.client().sendAsync(
                    HttpRequest.newBuilder(host.uri("/slow?ms=4000&mark=" + mark)).timeout(LONG).build(),
                    HttpResponse.BodyHandlers.ofString());
            awaitTrue(() -> Files.exists(mark), LONG, "the slow request to run in the first worker");
            Files.delete(mark);

            HttpResponse<String> exit = host.get("/exit", LONG);
            assertThat(exit.statusCode()).isEqualTo(502);
            assertThat(exit.body()).as("a local client sees why").contains("System.exit(3)");

            HttpResponse<String> innocent = slow.get();
            assertThat(innocent.statusCode()).isEqualTo(200);
            assertThat(Long.parseLong(innocent.body())).as("replayed on the next worker").isNotEqualTo(first);
            assertThat(host.output()).contains("GET /exit (request").contains("is not replayed and gets 502")
                    .contains("replaying GET /slow").contains("its application called System.exit")
                    .doesNotContain("was killed");
            assertThat(host.count("terminated unexpectedly")).as("one worker died").isEqualTo(1);
            assertThat(host.count(": starting worker process")).isEqualTo(2);
        }
    }

    @Test
    void aNativeCrashInAGetTakesOneWorkerAndLeavesItsCrashFileInThePoolsDumpsFolder() throws Exception {
        try (HostProcess host = HostProcess.start(site.write(dir), Map.of())) {
            long first = Long.parseLong(host.get("/pid").body());
            HttpResponse<String> crash = host.get("/segv", LONG);
            assertThat(crash.statusCode()).isEqualTo(502);
            awaitTrue(() -> host.count("terminated unexpectedly") == 1, LONG, "the crash to be logged");
            assertThat(host.output()).contains("GET /segv (request").contains("is not replayed");

            Path crashFile = dir.resolve("logs/AppPools/AppPool/dumps/hs_err_pid" + first + ".log");
            awaitTrue(() -> Files.exists(crashFile), LONG, "the JVM's crash file in the pool's dumps folder");
            assertThat(Files.readString(crashFile)).contains("SIGSEGV").contains("test.wp.Handlers$Segv");
            for (Path folder : new Path[] {HostProcess.dist(), Path.of("").toAbsolutePath()}) {
                assertThat(folder.resolve("hs_err_pid" + first + ".log")).as("not in " + folder).doesNotExist();
            }
            HostProcess.sleep(1000);
            assertThat(host.count(": starting worker process")).as("no second worker for the crashing GET")
                    .isEqualTo(1);
            assertThat(host.get("/pid").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void fiveBadRequestsTripAPoolWithFiveMaxCrashesAndFourDoNot() throws Exception {
        site.crashPoolFailure = "rapidFailProtectionInterval=\"00:05:00\" rapidFailProtectionMaxCrashes=\"5\"";
        try (HostProcess host = HostProcess.start(site.write(dir), Map.of())) {
            String[] bad = {"/crashy/exit", "/crashy/segv", "/crashy/exit", "/crashy/crash", "/crashy/exit"};
            for (int i = 0; i < bad.length; i++) {
                assertThat(host.get(bad[i], LONG).statusCode()).as(bad[i]).isEqualTo(502);
                int crashes = i + 1;
                // Gone for good: a worker that trains the AOT cache writes it as it exits, which takes seconds.
                awaitTrue(() -> host.workers().isEmpty(), LONG, "the worker of bad request " + crashes + " to be gone");
                if (i < bad.length - 1) {
                    assertThat(host.get("/crashy/ok", LONG).statusCode()).as("after %d bad requests", crashes)
                            .isEqualTo(200);
                }
            }
            host.awaitLine(Pattern.compile("'CrashPool' is being automatically disabled .*\\(5 failures"), LONG);
            assertThat(host.get("/crashy/ok").statusCode()).isEqualTo(503);
        }
    }

    @Test
    void aGetThatPinsTheWorkersEventLoopGets502AfterOnePingTimeoutAndIsNotReplayed() throws Exception {
        try (HostProcess host = HostProcess.start(site.write(dir), Map.of())) {
            long first = Long.parseLong(host.get("/pid").body());
            HttpResponse<String> spin = host.get("/spin", LONG);
            assertThat(spin.statusCode()).isEqualTo(502);
            assertThat(host.count("failed to respond to a ping")).isEqualTo(1);
            assertThat(host.output()).contains("GET /spin (request").contains("stopped answering pings");
            awaitTrue(() -> ProcessHandle.of(first).isEmpty(), LONG, "the spinning worker to be gone");
            assertThat(host.count(": starting worker process")).as("not replayed onto a second worker").isEqualTo(1);
        }
    }

    @Test
    void anOutOfMemoryErrorAnswers500AndReplacesTheWorkerWithAnOverlappedRecycle() throws Exception {
        site.appPoolAttributes = "jvmOptions=\"-Xmx64m -XX:+HeapDumpOnOutOfMemoryError\"";
        try (HostProcess host = HostProcess.start(site.write(dir), Map.of())) {
            long first = Long.parseLong(host.get("/pid").body());
            HttpResponse<String> oom = host.get("/oom", LONG);
            assertThat(oom.statusCode()).isEqualTo(500);
            assertThat(oom.body()).as("the detailed error, for a local request").contains("OutOfMemoryError");

            host.awaitLine(Pattern.compile("process id of '" + first + "' serving application pool 'AppPool' is being "
                    + "recycled because OutOfMemory"), LONG);
            awaitTrue(() -> ProcessHandle.of(first).isEmpty(), LONG, "the old worker to drain and exit");
            HttpResponse<String> after = host.get("/pid");
            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(Long.parseLong(after.body())).isNotEqualTo(first);
            assertThat(dir.resolve("logs/AppPools/AppPool/dumps/java_pid" + first + ".hprof")).isRegularFile();
            assertThat(host.count("terminated unexpectedly")).as("a recycle, not a crash").isZero();
        }
    }
}
