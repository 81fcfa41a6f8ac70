package io.lido.worker;

import io.lido.ipc.RequestBody;
import io.lido.ipc.frame.FaultCodec;
import io.lido.ipc.frame.RecycleCodec;
import io.lido.ipc.link.WorkerEndpoint;
import io.lido.ipc.link.WorkerHungException;
import io.lido.ipc.link.WorkerLink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Host link and worker in this JVM, talking over a real Unix domain socket. */
class WorkerLinkTest {
    @TempDir
    Path dir;
    private Worker worker;
    private WorkerLink link;
    private WorkerEndpoint endpoint;

    @BeforeEach
    void start() throws Exception {
        TestSite site = TestSite.create(dir);
        endpoint = site.listen(dir.resolve("w.sock"));
        worker = Worker.start(new WorkerOptions(TestSite.POOL, endpoint.socketPath()));
        link = endpoint.ready().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        link.close();
        endpoint.close();
        assertThat(worker.exit().get(10, TimeUnit.SECONDS)).isZero();
    }

    private Exchange send(String method, String path, String query, long length, RequestBody body) {
        Exchange exchange = new Exchange(new RecordingResponse(), new RecordingEvents());
        link.dispatch(TestSite.request(method, path, query, length), body, exchange.response, exchange.events);
        return exchange;
    }

    private record Exchange(RecordingResponse response, RecordingEvents events) {
        String await() throws Exception {
            String outcome = events.outcome.get(20, TimeUnit.SECONDS);
            assertThat(outcome).isEqualTo("completed");
            assertThat(response.done.get(1, TimeUnit.SECONDS)).isEqualTo("end");
            return response.text();
        }
    }

    @Test
    void recycleAppRestartsTheDomainOfAHostedApplicationAndSaysWhenItHostsNone() throws Exception {
        RecycleCodec.Reply restarted = link.recycleApplication(1, "/").get(20, TimeUnit.SECONDS);
        assertThat(restarted.status()).isEqualTo(RecycleCodec.Status.RESTARTED);
        assertThat(restarted.message()).isEqualTo("domain generation 2");
        assertThat(send("GET", "/hello.txt", "", 0, RequestBody.EMPTY).await()).isEqualTo("static hello");

        RecycleCodec.Reply missing = link.recycleApplication(1, "/nope").get(20, TimeUnit.SECONDS);
        assertThat(missing.status()).isEqualTo(RecycleCodec.Status.NOT_HOSTED);
        assertThat(missing.message()).isEqualTo("this worker does not host application /nope of site 1");
    }

    @Test
    void helloThroughTheWorker() throws Exception {
        assertThat(link.pid()).isEqualTo(ProcessHandle.current().pid());
        Exchange exchange = send("GET", "/hello.txt", "", 0, RequestBody.EMPTY);
        exchange.await();
        assertThat(exchange.response.head.status()).isEqualTo(200);
        assertThat(exchange.response.bodyBytes).hasValue("static hello".length());
        assertThat(exchange.events.started).isTrue();
        assertThat(exchange.events.outcomes).hasValue(1);
        assertThat(link.inFlight()).isZero();
    }

    @Test
    void aSmallCompleteResponseIsRelayedOnTheLinkEventLoopWhenTheTransportTakesItWithoutBlocking()
            throws Exception {
        RecordingResponse small = new RecordingResponse();
        small.buffersUpTo(16 * 1024);
        RecordingEvents events = new RecordingEvents();
        link.dispatch(TestSite.request("GET", "/hello.txt", "", 0), RequestBody.EMPTY, small, events);
        new Exchange(small, events).await();
        assertThat(small.endThread).as("the host's shared event loops").startsWith("lido-io-");

        RecordingResponse large = new RecordingResponse();
        large.buffersUpTo(16 * 1024);
        RecordingEvents largeEvents = new RecordingEvents();
        link.dispatch(TestSite.request("GET", "/stream", "bytes=100000", 0), RequestBody.EMPTY, large, largeEvents);
        new Exchange(large, largeEvents).await();
        assertThat(large.bodyBytes).hasValue(100_000);
        assertThat(large.endThread).as("a body over the limit goes to a relay thread").startsWith("lido-link-relay-");

        RecordingResponse blocking = new RecordingResponse();
        RecordingEvents blockingEvents = new RecordingEvents();
        link.dispatch(TestSite.request("GET", "/hello.txt", "", 0), RequestBody.EMPTY, blocking, blockingEvents);
        new Exchange(blocking, blockingEvents).await();
        assertThat(blocking.endThread).as("a transport that may block gets a relay thread")
                .startsWith("lido-link-relay-");
    }

    @Test
    void aLargeStaticFileTravelsAsAFileRegionTheHostSendsItself() throws Exception {
        Path big = dir.resolve("wwwroot/big.bin");
        java.nio.file.Files.write(big, new byte[100_000]);
        Exchange exchange = send("GET", "/big.bin", "", 0, RequestBody.EMPTY);
        exchange.await();
        assertThat(exchange.response.file).isEqualTo(big.toAbsolutePath());
        assertThat(exchange.response.bodyBytes).hasValue(100_000);
        assertThat(exchange.response.head.headers().get("Content-Length")).isEqualTo("100000");
    }

    @Test
    void manyConcurrentRequestsOnOneConnection() throws Exception {
        List<Exchange> exchanges = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            exchanges.add(send("GET", "/slow", "ms=100", 0, RequestBody.EMPTY));
        }
        assertThat(link.inFlight()).isGreaterThan(100);
        for (Exchange exchange : exchanges) {
            assertThat(exchange.await()).isEqualTo("slow done");
        }
        assertThat(link.inFlight()).isZero();
    }

    @Test
    void uploadStreamsThroughTheCreditWindow() throws Exception {
        long size = 64L * 1024 * 1024 + 7;
        Exchange exchange = send("POST", "/echo", "", size, new PatternBody(size));
        assertThat(exchange.await()).isEqualTo("bytes=" + size + " crc=" + PatternBody.crc(size));
    }

    @Test
    void downloadToASlowClientStreamsThroughTheCreditWindow() throws Exception {
        long size = 16L * 1024 * 1024 + 3;
        RecordingResponse response = new RecordingResponse();
        response.slowClient(20_000);
        RecordingEvents events = new RecordingEvents();
        link.dispatch(TestSite.request("GET", "/stream", "bytes=" + size, 0), RequestBody.EMPTY, response, events);
        new Exchange(response, events).await();
        assertThat(response.bodyBytes).hasValue(size);
        assertThat(response.patternIntact()).isTrue();
        assertThat(response.head.headers().get("Content-Length")).isEqualTo(Long.toString(size));
    }

    @Test
    void aClientThatGoesAwayAbortsTheExchangeInTheWorker() throws Exception {
        Exchange exchange = send("GET", "/stream", "bytes=" + (1L << 40), 0, RequestBody.EMPTY);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (exchange.response.bodyBytes.get() < (1 << 20) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        exchange.response.disconnect();
        assertThat(exchange.events.outcome.get(10, TimeUnit.SECONDS)).isEqualTo("completed");
        assertThat(exchange.response.done.get(1, TimeUnit.SECONDS)).startsWith("abort");
        assertThat(link.inFlight()).isZero();
        // The worker dropped the stream: its application is not left writing a terabyte.
        awaitTrue(() -> worker.serverForTests().exchanges().isEmpty());
    }

    @Test
    void pingAnswersAndReportsARequestThatMakesNoProgress() throws Exception {
        Duration rtt = link.ping().get(5, TimeUnit.SECONDS);
        assertThat(rtt).isPositive().isLessThan(Duration.ofSeconds(2));
        Exchange hung = send("GET", "/hang", "", 0, RequestBody.EMPTY);
        Thread.sleep(1300);
        CompletableFuture<Duration> ping = link.ping();
        assertThatThrownBy(() -> ping.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(WorkerHungException.class)
                .hasMessageContaining("GET /hang made no progress");
        assertThat(hung.events.outcome).isNotDone();
        assertThat(hung.events.fault).as("named before the PONG").isNotNull()
                .satisfies(f -> assertThat(f.kind()).isEqualTo(FaultCodec.Kind.HUNG))
                .satisfies(f -> assertThat(f.detail()).contains("GET /hang made no progress"));
    }

    @Test
    void systemExitOnARequestsThreadIsToldToTheHostOnThatRequestsStream() throws Exception {
        List<FaultCodec.Fault> linkFaults = new java.util.concurrent.CopyOnWriteArrayList<>();
        link.onFault(linkFaults::add);
        Exchange exit = send("GET", "/exitlog", "", 0, RequestBody.EMPTY);
        assertThat(exit.await()).isEqualTo("still here");
        assertThat(exit.events.fault).isNotNull()
                .satisfies(f -> assertThat(f.kind()).isEqualTo(FaultCodec.Kind.EXIT))
                .satisfies(f -> assertThat(f.detail()).startsWith("System.exit(3) in request ").endsWith("GET /exitlog"));
        assertThat(linkFaults).extracting(FaultCodec.Fault::kind).containsExactly(FaultCodec.Kind.EXIT);
    }

    @Test
    void aSlowDownloadIsNotAHang() throws Exception {
        RecordingResponse response = new RecordingResponse();
        response.slowClient(100_000_000); // 0.1 s per chunk: the worker waits for credit, which is no stall
        RecordingEvents events = new RecordingEvents();
        link.dispatch(TestSite.request("GET", "/stream", "bytes=" + (64L << 20), 0), RequestBody.EMPTY, response,
                events);
        Thread.sleep(1500);
        assertThat(link.ping().get(5, TimeUnit.SECONDS)).isPositive();
        response.disconnect();
        assertThat(events.outcome.get(10, TimeUnit.SECONDS)).isEqualTo("completed");
    }

    @Test
    void drainFinishesWhatIsInFlightThenTheWorkerExits() throws Exception {
        Exchange slow = send("GET", "/slow", "ms=300", 0, RequestBody.EMPTY);
        CompletableFuture<String> closed = new CompletableFuture<>();
        link.onClose(closed::complete);
        Thread.sleep(50);
        link.drain();
        RecordingEvents late = new RecordingEvents();
        link.dispatch(TestSite.request("GET", "/hello.txt", "", 0), RequestBody.EMPTY, new RecordingResponse(), late);
        assertThat(late.outcome.get(1, TimeUnit.SECONDS)).startsWith("failed").contains("draining");
        assertThat(slow.await()).isEqualTo("slow done");
        assertThat(worker.exit().get(10, TimeUnit.SECONDS)).isZero();
        assertThat(closed.get(5, TimeUnit.SECONDS)).contains("closed the connection");
        assertThat(link.isOpen()).isFalse();
        CompletableFuture<String> after = new CompletableFuture<>();
        link.onClose(after::complete);
        assertThat(after).as("a listener added after the close is called at once").isDone();
    }

    @Test
    void aRequestForAnApplicationTheWorkerDoesNotHostGets500() throws Exception {
        RecordingResponse response = new RecordingResponse();
        RecordingEvents events = new RecordingEvents();
        var head = TestSite.request("GET", "/x", "", 0);
        var other = new io.lido.ipc.RequestHead(head.id(), "GET", "/x", "/x", "", 1, head.headers(), "127.0.0.1", 1,
                "127.0.0.1", 2, false, 99, "Other", "/", 0);
        link.dispatch(other, RequestBody.EMPTY, response, events);
        new Exchange(response, events).await();
        assertThat(response.head.status()).isEqualTo(500);
        assertThat(response.text()).contains("does not host site 99");
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }
}
