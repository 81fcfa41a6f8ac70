package io.lido.worker;

import io.lido.ipc.RequestBody;
import io.lido.ipc.frame.ConfigCodec;
import io.lido.ipc.link.WorkerEndpoint;
import io.lido.ipc.link.WorkerLink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A real worker process ({@code java ... io.lido.worker.WorkerMain}) behind a host link in this JVM. */
class WorkerProcessTest {
    /** Smaller than any body below: a worker that held a body whole would run out of memory. */
    private static final String WORKER_HEAP = "-Xmx48m";

    @TempDir
    Path dir;
    private Process process;
    private WorkerEndpoint endpoint;

    @AfterEach
    void stop() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private Process launch(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                WORKER_HEAP, "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), WorkerMain.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("worker.log").toFile()).start();
    }

    private WorkerLink startWorker() throws Exception {
        TestSite site = TestSite.create(dir);
        endpoint = site.listen(dir.resolve("w.sock"));
        process = launch("--pool", TestSite.POOL, "--socket", endpoint.socketPath().toString());
        WorkerLink link = endpoint.ready().get(30, TimeUnit.SECONDS);
        assertThat(link.pid()).isEqualTo(process.pid());
        return link;
    }

    private String log() throws IOException {
        return Files.readString(dir.resolve("worker.log"));
    }

    @Test
    void twoGigabyteUploadAndDownloadStreamThroughASmallWorkerHeap() throws Exception {
        WorkerLink link = startWorker();
        long size = (2L << 30) + 1; // 2 GiB and a byte: past every int length
        HostHeap heap = new HostHeap();

        RecordingResponse upload = new RecordingResponse();
        RecordingEvents uploadEvents = new RecordingEvents();
        link.dispatch(TestSite.request("POST", "/echo", "", size), new PatternBody(size), upload, uploadEvents);
        assertThat(uploadEvents.outcome.get(120, TimeUnit.SECONDS)).isEqualTo("completed");
        assertThat(upload.text()).isEqualTo("bytes=" + size + " crc=" + PatternBody.crc(size));

        RecordingResponse download = new RecordingResponse();
        RecordingEvents downloadEvents = new RecordingEvents();
        link.dispatch(TestSite.request("GET", "/stream", "bytes=" + size, 0), RequestBody.EMPTY, download,
                downloadEvents);
        assertThat(downloadEvents.outcome.get(120, TimeUnit.SECONDS)).isEqualTo("completed");
        assertThat(download.bodyBytes).hasValue(size);
        assertThat(download.patternIntact()).isTrue();
        long hostLive = heap.stop();
        assertThat(hostLive).as("host live heap during the transfers, in bytes").isLessThan(192L << 20);
        assertThat(process.isAlive()).as("worker survived with " + WORKER_HEAP + ":\n" + log()).isTrue();
        assertThat(log()).doesNotContain("OutOfMemoryError");
    }

    /** Samples this JVM's live heap (after a full GC) while a transfer runs: the host side holds no body. */
    private static final class HostHeap {
        private final java.util.concurrent.atomic.AtomicLong max = new java.util.concurrent.atomic.AtomicLong();
        private volatile boolean running = true;
        private final Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            var memory = java.lang.management.ManagementFactory.getMemoryMXBean();
            while (running) {
                System.gc();
                max.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        long stop() throws InterruptedException {
            running = false;
            sampler.join();
            return max.get();
        }
    }

    @Test
    void aWorkerKilledMidRequestFailsItsExchangesSayingWhetherTheResponseStarted() throws Exception {
        WorkerLink link = startWorker();
        CompletableFuture<String> closed = new CompletableFuture<>();
        link.onClose(closed::complete);
        RecordingEvents before = new RecordingEvents();
        RecordingResponse beforeResponse = new RecordingResponse();
        link.dispatch(TestSite.request("GET", "/hang", "", 0), RequestBody.EMPTY, beforeResponse, before);
        RecordingEvents after = new RecordingEvents();
        RecordingResponse afterResponse = new RecordingResponse();
        link.dispatch(TestSite.request("GET", "/hang", "partial=1", 0), RequestBody.EMPTY, afterResponse, after);
        WorkerLinkTest.awaitTrue(() -> afterResponse.bodyBytes.get() > 0);

        process.destroyForcibly();

        assertThat(before.outcome.get(10, TimeUnit.SECONDS)).startsWith("failed:");
        assertThat(before.failedAfterStart).isFalse();
        assertThat(beforeResponse.head).as("nothing reached the response").isNull();
        assertThat(after.outcome.get(10, TimeUnit.SECONDS)).startsWith("failed:");
        assertThat(after.failedAfterStart).isTrue();
        assertThat(afterResponse.done).as("the link leaves the failed response to the caller").isNotDone();
        assertThat(closed.get(10, TimeUnit.SECONDS)).contains("worker pid " + process.pid());
        assertThat(before.outcome.get()).contains("worker pid " + process.pid());
        assertThat(link.inFlight()).isZero();
        assertThat(before.outcomes).hasValue(1);
        assertThat(after.outcomes).hasValue(1);
    }

    @Test
    void drainMakesTheProcessExitZero() throws Exception {
        WorkerLink link = startWorker();
        RecordingEvents events = new RecordingEvents();
        RecordingResponse response = new RecordingResponse();
        link.dispatch(TestSite.request("GET", "/slow", "ms=200", 0), RequestBody.EMPTY, response, events);
        link.drain();
        assertThat(events.outcome.get(10, TimeUnit.SECONDS)).isEqualTo("completed");
        assertThat(response.text()).isEqualTo("slow done");
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
    }

    @Test
    void closingTheLinkMakesTheWorkerExit() throws Exception {
        WorkerLink link = startWorker();
        link.close();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(log()).contains("the host closed the connection");
    }

    @Test
    void aConfigurationWithoutThePoolExitsThreeWithItsReason() throws Exception {
        TestSite site = TestSite.create(dir);
        endpoint = site.listen(dir.resolve("w.sock"));
        process = launch("--pool", "NoSuchPool", "--socket", endpoint.socketPath().toString());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(WorkerMain.CONFIGURATION_ERROR);
        assertThat(log()).contains("application pool 'NoSuchPool' is not defined in " + site.config);
    }

    @Test
    void theWorkerRunsWhatTheHostSentAndNeverReadsApplicationHostConfig() throws Exception {
        TestSite site = TestSite.create(dir);
        endpoint = site.listen(dir.resolve("w.sock"));
        // What is on disk now is neither readable nor valid: the worker must not care.
        Files.writeString(site.config, "<configuration><not-valid");
        Files.setPosixFilePermissions(site.config, PosixFilePermissions.fromString("---------"));
        process = launch("--pool", TestSite.POOL, "--socket", endpoint.socketPath().toString());
        WorkerLink link = endpoint.ready().get(30, TimeUnit.SECONDS);

        RecordingResponse response = new RecordingResponse();
        RecordingEvents events = new RecordingEvents();
        link.dispatch(TestSite.request("GET", "/hello.txt", "", 0), RequestBody.EMPTY, response, events);
        assertThat(events.outcome.get(30, TimeUnit.SECONDS)).isEqualTo("completed");
        assertThat(response.head.status()).isEqualTo(200);
        assertThat(response.text()).isEqualTo("static hello");
    }

    @Test
    void anInvalidConfigurationFromTheHostExitsThreeNamingTheOriginalFileAndLine() throws Exception {
        TestSite site = TestSite.create(dir);
        String text = site.configuration().text().replace("<processModel ", "<processModel noSuchAttribute=\"1\" ");
        int line = (int) text.substring(0, text.indexOf("noSuchAttribute")).chars().filter(c -> c == '\n').count() + 1;
        endpoint = WorkerEndpoint.listen(dir.resolve("w.sock"), null, null,
                new ConfigCodec.WorkerConfiguration(site.config.toString(), text));
        process = launch("--pool", TestSite.POOL, "--socket", endpoint.socketPath().toString());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(WorkerMain.CONFIGURATION_ERROR);
        assertThat(log()).contains(site.config + ":" + line + ": ").contains("noSuchAttribute");
    }

    @Test
    void anApplicationThatFailsToStartLeavesTheWorkerServing503WithTheError() throws Exception {
        TestSite site = TestSite.create(dir);
        Files.writeString(site.wwwroot.resolve("web.config"), """
                <configuration><system.web><httpApplication type="no.such.Global" /></system.web></configuration>
                """);
        endpoint = site.listen(dir.resolve("w.sock"));
        process = launch("--pool", TestSite.POOL, "--socket", endpoint.socketPath().toString());
        WorkerLink link = endpoint.ready().get(30, TimeUnit.SECONDS);
        assertThat(log()).contains("no.such.Global");

        RecordingResponse response = new RecordingResponse();
        RecordingEvents events = new RecordingEvents();
        link.dispatch(TestSite.request("GET", "/echo", "", 0), RequestBody.EMPTY, response, events);
        assertThat(events.outcome.get(30, TimeUnit.SECONDS)).isEqualTo("completed");
        assertThat(response.head.status()).isEqualTo(503);
        assertThat(response.text()).contains("no.such.Global");
        assertThat(process.isAlive()).isTrue();
    }

    @Test
    void aBadCommandLineExitsTwo() throws Exception {
        process = launch("--socket", "x.sock", "--pool");
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(log()).contains("option --pool needs a value");
    }
}
