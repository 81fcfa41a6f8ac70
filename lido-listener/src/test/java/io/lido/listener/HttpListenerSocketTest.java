package io.lido.listener;

import io.lido.config.ServerConfig;
import io.lido.listener.log.AccessRecord;
import io.lido.listener.log.ListenerError;
import io.lido.listener.testing.Eventually;
import io.lido.listener.testing.HostConfig;
import io.lido.listener.testing.RawHttp;
import io.lido.listener.testing.RecordingLogs;
import io.lido.listener.testing.ScriptedDispatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The listener through real sockets: keep-alive, pipelining, framing, routing, limits, logs, stop. */
class HttpListenerSocketTest {
    @TempDir
    Path dir;
    private final ScriptedDispatcher dispatcher = new ScriptedDispatcher();
    private final RecordingLogs logs = new RecordingLogs();
    private HttpListener listener;
    private int port;

    @BeforeEach
    void start() throws IOException {
        port = freePort();
        ServerConfig config = HostConfig.load(dir,
                HostConfig.site("Main", 1, dir, "*:" + port + ":", "<limits connectionTimeout=\"00:00:02\" />",
                        "/reports")
                + HostConfig.site("Named", 2, dir, "*:" + port + ":www.example.com", "")
                + HostConfig.site("Strict", 3, dir, "127.0.0.1:0:strict.example", ""), """
                <location path="Strict">
                  <system.webServer>
                    <security><requestFiltering>
                      <requestLimits maxAllowedContentLength="100" maxUrl="30" maxQueryString="10" />
                    </requestFiltering></security>
                  </system.webServer>
                </location>
                """);
        listener = new HttpListener(config, (site, app) -> dispatcher, logs, logs);
        listener.start();
    }

    @AfterEach
    void stop() {
        listener.close();
        assertThat(dispatcher.failures).isEmpty();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void keepAliveAndPipelinedRequestsAreAnsweredInOrder() {
        try (RawHttp c = new RawHttp(port)) {
            c.send("GET /a/echo HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(c.read().body()).contains("path=/a/echo");
            c.send("GET /1/echo HTTP/1.1\r\nHost: x\r\n\r\nGET /2/chunked HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "POST /3/body HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
                    + "GET /4/echo?q HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(c.read().body()).contains("path=/1/echo");
            assertThat(c.read().body()).isEqualTo("part1;part2;part3");
            assertThat(c.read().body()).isEqualTo("read 5");
            RawHttp.Response last = c.read();
            assertThat(last.body()).contains("path=/4/echo query=q");
            assertThat(last.header("Date")).isNotNull();
            assertThat(last.header("Server")).isEqualTo("Lido");
            assertThat(last.header("Connection")).isNull();
        }
    }

    @Test
    void aPipelineFloodBehindASlowExchangeIsServedInOrder() throws InterruptedException {
        int count = 3_000;
        try (RawHttp c = new RawHttp(port)) {
            c.send("GET /wait HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(dispatcher.waiting.await(5, TimeUnit.SECONDS)).isTrue();
            StringBuilder flood = new StringBuilder();
            for (int i = 0; i < count; i++) {
                flood.append("GET /").append(i).append("/echo HTTP/1.1\r\nHost: x\r\n\r\n");
            }
            // more than the listener buffers: it stops reading until the slow exchange is done
            Thread writer = Thread.ofVirtual().start(() -> c.send(flood.toString()));
            Thread.sleep(200);
            dispatcher.release.countDown();
            assertThat(c.read().body()).isEqualTo("released");
            for (int i = 0; i < count; i++) {
                assertThat(c.read().body()).contains("path=/" + i + "/echo ");
            }
            assertThat(writer.join(Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void responsesWithoutLengthAreChunkedOn11AndCloseDelimitedOn10() {
        try (RawHttp c = new RawHttp(port)) {
            RawHttp.Response r = c.send("GET /chunked HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(r.header("Transfer-Encoding")).isEqualTo("chunked");
            assertThat(r.body()).isEqualTo("part1;part2;part3");
        }
        try (RawHttp c = new RawHttp(port)) {
            RawHttp.Response r = c.send("GET /chunked HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read();
            assertThat(r.header("Transfer-Encoding")).isNull();
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(r.body()).isEqualTo("part1;part2;part3");
        }
    }

    @Test
    void filesAreSentZeroCopyInsideChunkedOrCloseDelimitedBodies() throws IOException {
        dispatcher.file = java.nio.file.Files.writeString(dir.resolve("f.txt"), "..0123456789..");
        try (RawHttp c = new RawHttp(port)) {
            RawHttp.Response r = c.send("GET /file HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(r.header("Transfer-Encoding")).isEqualTo("chunked");
            assertThat(r.body()).isEqualTo("<0123456789>");
            assertThat(c.send("GET /nocontent HTTP/1.1\r\nHost: x\r\n\r\n").read().status()).isEqualTo(204);
            RawHttp.Response after = c.send("GET /file HTTP/1.0\r\n\r\n").read();
            assertThat(after.body()).isEqualTo("<0123456789>");
            assertThat(c.rest()).isEmpty();
        }
    }

    @Test
    void http10IsClosedUnlessKeptAlive() {
        try (RawHttp c = new RawHttp(port)) {
            assertThat(c.send("GET /echo HTTP/1.0\r\n\r\n").read().header("Connection")).isEqualTo("close");
            assertThat(c.closedByServer()).isTrue();
        }
        try (RawHttp c = new RawHttp(port)) {
            c.send("GET /echo HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            assertThat(c.read().header("Connection")).isEqualTo("keep-alive");
            assertThat(c.send("GET /echo HTTP/1.0\r\n\r\n").read().status()).isEqualTo(200);
        }
    }

    @Test
    void headKeepsTheLengthButSendsNoBody() {
        try (RawHttp c = new RawHttp(port)) {
            c.send("HEAD /big?100 HTTP/1.1\r\nHost: x\r\n\r\nGET /big?100 HTTP/1.1\r\nHost: x\r\n\r\n");
            RawHttp.Response head = c.read(true);
            assertThat(head.header("Content-Length")).isEqualTo("100");
            RawHttp.Response get = c.read();
            assertThat(get.body()).isEqualTo("x".repeat(100));
            assertThat(get.header("Content-Length")).isEqualTo(head.header("Content-Length"));
        }
    }

    @Test
    void expect100ContinueIsAnsweredBeforeTheBodyIsSent() {
        try (RawHttp c = new RawHttp(port)) {
            c.send("POST /body HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
            assertThat(c.read().status()).isEqualTo(100);
            assertThat(c.send("hello").read().body()).isEqualTo("read 5");
        }
    }

    @Test
    void routesByHostWithNamedBindingsFirstAndByLongestApplicationPath() {
        try (RawHttp c = new RawHttp(port)) {
            assertThat(c.send("GET /Reports/x/echo HTTP/1.1\r\nHost: WWW.example.com:80\r\n\r\n").read().body())
                    .startsWith("site=Named app=/ ");
            assertThat(c.send("GET /Reports/x/echo HTTP/1.1\r\nHost: other\r\n\r\n").read().body())
                    .startsWith("site=Main app=/reports ");
            assertThat(c.send("GET /reportsX/echo HTTP/1.1\r\nHost: other\r\n\r\n").read().body())
                    .startsWith("site=Main app=/ ");
            assertThat(c.send("GET http://www.example.com/echo HTTP/1.1\r\nHost: other\r\n\r\n").read().body())
                    .startsWith("site=Named").endsWith("host=www.example.com");
        }
    }

    @Test
    void anUnknownHostIsRejectedAndLogged() {
        int strictPort = listener.port("Strict");
        try (RawHttp c = new RawHttp(strictPort)) {
            RawHttp.Response r = c.send("GET / HTTP/1.1\r\nHost: nobody.example\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.body()).contains("Bad Request - Invalid Hostname");
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(c.closedByServer()).isTrue();
        }
        ListenerError e = logs.errors.getFirst();
        assertThat(e.reason()).startsWith("Hostname");
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.url()).isEqualTo("/");
        assertThat(e.serverPort()).isEqualTo(strictPort);
    }

    @Test
    void enforcesTheApplicationsRequestLimits() {
        int strictPort = listener.port("Strict");
        String host = "Host: strict.example\r\n";
        try (RawHttp c = new RawHttp(strictPort)) {
            assertThat(c.send("POST /body HTTP/1.1\r\n" + host + "Content-Length: 101\r\nExpect: 100-continue\r\n\r\n")
                    .read().status()).isEqualTo(413);
        }
        try (RawHttp c = new RawHttp(strictPort)) {
            c.send("POST /body HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n50\r\n" + "x".repeat(80)
                    + "\r\n50\r\n" + "x".repeat(80) + "\r\n0\r\n\r\n");
            assertThat(c.read().status()).isEqualTo(413);
            assertThat(c.closedByServer()).isTrue();
        }
        try (RawHttp c = new RawHttp(strictPort)) {
            RawHttp.Response over = c.send("GET /" + "a".repeat(30) + " HTTP/1.1\r\n" + host + "\r\n").read();
            assertThat(over.status()).isEqualTo(404);
            assertThat(over.body()).contains("HTTP Error 404.14.");
        }
        try (RawHttp c = new RawHttp(strictPort)) {
            RawHttp.Response over = c.send("GET /?q=" + "a".repeat(10) + " HTTP/1.1\r\n" + host + "\r\n").read();
            assertThat(over.status()).isEqualTo(404);
            assertThat(over.body()).contains("HTTP Error 404.15.");
        }
        try (RawHttp c = new RawHttp(strictPort)) {
            assertThat(c.send("POST /body HTTP/1.1\r\n" + host + "Content-Length: 100\r\n\r\n" + "x".repeat(100))
                    .read().body()).isEqualTo("read 100");
        }
        // the chunked body crossed the limit while the listener read it ahead: the application never saw it
        assertThat(dispatcher.failures).isEmpty();
        assertThat(logs.errors).extracting(ListenerError::reason).extracting(r -> r.split(" ")[0])
                .containsExactly("EntityTooLarge", "EntityTooLarge", "URL_Length", "URL_Length");
        assertThat(logs.errors).allSatisfy(e -> assertThat(e.siteId()).isEqualTo(3));
    }

    @Test
    void aBrokenChunkedBodyGetsOneAnswerAndTheConnectionCloses() {
        for (int i = 0; i < 20; i++) {
            try (RawHttp c = new RawHttp(port)) {
                c.send("POST /refuse HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "ZZ\r\nGET /smuggled/echo HTTP/1.1\r\nHost: x\r\n\r\n");
                List<RawHttp.Response> answers = c.readAll();
                // 400 when the listener saw the bad chunk first, 405 when the application had answered already
                assertThat(answers).singleElement().extracting(RawHttp.Response::status).isIn(400, 405);
                assertThat(c.rest()).isEmpty();
            }
        }
    }

    @Test
    void aRuntimeBreakingTheResponseContractGetsTheConnectionClosed() {
        for (String path : List.of("/overlong", "/headless")) {
            try (RawHttp c = new RawHttp(port)) {
                c.send("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(c.readAll()).as(path).isEmpty();
                assertThat(c.rest()).as(path).isEmpty();
            }
        }
        Eventually.await(Duration.ofSeconds(5), () -> dispatcher.failures.size() == 2);
        assertThat(dispatcher.failures).allSatisfy(e -> assertThat(e).isInstanceOf(IllegalStateException.class));
        dispatcher.failures.clear();
        assertThat(logs.errors).extracting(ListenerError::reason)
                .allSatisfy(r -> assertThat(r).startsWith("Connection_Abandoned"));
    }

    @Test
    void writesAnAccessRecordPerExchange() {
        try (RawHttp c = new RawHttp(port)) {
            c.send("POST /x/body?a=1 HTTP/1.1\r\nHost: h\r\nUser-Agent: t/1\r\nContent-Length: 3\r\n\r\nabc").read();
        }
        Eventually.await(Duration.ofSeconds(5), () -> !logs.access.isEmpty());
        AccessRecord r = logs.access.getFirst();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.uriStem()).isEqualTo("/x/body");
        assertThat(r.uriQuery()).isEqualTo("a=1");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.username()).isEqualTo("tester");
        assertThat(r.userAgent()).isEqualTo("t/1");
        assertThat(r.host()).isEqualTo("h");
        assertThat(r.bytesReceived()).isEqualTo(77);
        assertThat(r.bytesSent()).isGreaterThan(6);
        assertThat(r.serverPort()).isEqualTo(port);
        assertThat(r.protocolVersion()).isEqualTo("HTTP/1.1");
    }

    @Test
    void largeBodiesFlowBothWaysWithBackPressure() throws InterruptedException {
        int size = 3 * 1024 * 1024;
        try (RawHttp c = new RawHttp(port)) {
            String head = "POST /body?slow HTTP/1.1\r\nHost: x\r\nContent-Length: " + size + "\r\n\r\n";
            Thread writer = Thread.ofVirtual().start(() -> c.send(head + "y".repeat(size)));
            assertThat(c.read().body()).isEqualTo("read " + size);
            assertThat(writer.join(Duration.ofSeconds(10))).isTrue();
            RawHttp.Response big = c.send("GET /big?" + size + " HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(big.body()).hasSize(size);
        }
    }

    @Test
    void idleConnectionsAreClosedAfterTheSiteConnectionTimeout() {
        try (RawHttp c = new RawHttp(port)) {
            c.send("GET /echo HTTP/1.1\r\nHost: x\r\n\r\n").read();
            long start = System.nanoTime();
            assertThat(c.closedByServer()).isTrue();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(1000L, 4500L);
        }
        assertThat(logs.errors).extracting(ListenerError::reason).contains("Timer_ConnectionIdle");
    }

    @Test
    void stopAcceptingLetsTheCurrentExchangeFinishThenCloses() throws InterruptedException {
        try (RawHttp busy = new RawHttp(port); RawHttp idle = new RawHttp(port)) {
            idle.send("GET /echo HTTP/1.1\r\nHost: x\r\n\r\n").read();
            busy.send("GET /wait HTTP/1.1\r\nHost: x\r\n\r\nGET /echo HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(dispatcher.waiting.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(listener.inFlight()).isEqualTo(1);
            listener.stopAccepting();
            assertThat(idle.closedByServer()).isTrue();
            assertThat(listener.awaitIdle(Duration.ofMillis(100))).isFalse();
            dispatcher.release.countDown();
            assertThat(listener.awaitIdle(Duration.ofSeconds(5))).isTrue();
            List<RawHttp.Response> answers = busy.readAll();
            assertThat(answers).hasSize(1);
            assertThat(answers.getFirst().body()).isEqualTo("released");
            assertThat(answers.getFirst().header("Connection")).isEqualTo("close");
        }
        assertThatThrownBy(() -> new RawHttp(port)).hasRootCauseInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void aTakenPortIsReportedWithTheSiteAndBinding() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            ServerConfig config = HostConfig.singleSite(dir.resolve("other"), "Busy", dir, taken.getLocalPort());
            HttpListener second = new HttpListener(config, (s, a) -> dispatcher, logs, logs);
            assertThatThrownBy(second::start).isInstanceOf(ListenerStartException.class)
                    .hasMessageContaining("site 'Busy' binding http *:" + taken.getLocalPort() + ":")
                    .hasMessageContaining("applicationHost.config");
            second.close();
        }
    }
}
