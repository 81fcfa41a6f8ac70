package io.lido.listener;

import io.lido.listener.testing.Eventually;
import io.lido.listener.testing.OneSiteListener;
import io.lido.listener.testing.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP.sys timers through real sockets: each one ends the connection it should, when it should, with its
 * httperr reason, and leaves alone the connections it should not touch (a slow but steady reader of a large
 * response, an upload at the minimum rate).
 */
class HttpSysTimersSocketTest {
    @TempDir
    Path dir;
    private OneSiteListener server;

    private int start(String limits, ListenerOptions options) {
        server = new OneSiteListener(dir, limits, options);
        return server.port;
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /** The server closes {@code c} between {@code minMillis} and 4 s from now. */
    private static void assertClosedAfter(RawHttp c, long minMillis) {
        long start = System.nanoTime();
        assertThat(c.closedByServer()).isTrue();
        assertThat(millisSince(start)).isBetween(minMillis, 4000L);
    }

    /** Waits for the httperr log, then checks it holds exactly these reasons. */
    private void assertReasons(String... reasons) {
        Eventually.await(Duration.ofSeconds(5), () -> !server.logs.errors.isEmpty());
        assertThat(server.reasons()).containsExactly(reasons);
    }

    @Test
    void aConnectionThatSendsNothingGetsTheHeaderWaitNotTheSitesConnectionTimeout() {
        int port = start("<limits connectionTimeout=\"00:10:00\" />",
                ListenerOptions.DEFAULTS.withHeaderWaitTimeout(Duration.ofMillis(500)));
        try (RawHttp silent = new RawHttp(port)) {
            assertClosedAfter(silent, 300L);
        }
        assertReasons("Timer_HeaderWait");
        assertThat(server.logs.errors.getFirst().status()).isZero();
    }

    @Test
    void aConnectionThatSendsNothingToSitesWithAShortConnectionTimeoutIsIdleAfterIt() {
        int port = start("<limits connectionTimeout=\"00:00:01\" />", ListenerOptions.DEFAULTS);
        try (RawHttp silent = new RawHttp(port)) {
            assertClosedAfter(silent, 700L);
        }
        assertReasons("Timer_ConnectionIdle");
    }

    @Test
    void aHeadThatNeverCompletesIsClosedAfterTheHeaderWait() {
        int port = start("", ListenerOptions.DEFAULTS.withHeaderWaitTimeout(Duration.ofMillis(500)));
        try (RawHttp slow = new RawHttp(port)) {
            slow.send("GET / HTTP/1.1\r\nHost: a\r\n");
            assertClosedAfter(slow, 200L);
        }
        assertReasons("Timer_HeaderWait");
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterTheSitesConnectionTimeout() {
        int port = start("<limits connectionTimeout=\"00:00:01\" />", ListenerOptions.DEFAULTS);
        try (RawHttp c = new RawHttp(port)) {
            assertThat(c.send("GET /echo HTTP/1.1\r\nHost: a\r\n\r\n").read().status()).isEqualTo(200);
            assertClosedAfter(c, 700L);
        }
        assertReasons("Timer_ConnectionIdle");
    }

    @Test
    void webLimitsConnectionTimeoutCapsTheIdleTimeOfEverySite() {
        int port = start("<limits connectionTimeout=\"00:10:00\" />",
                ListenerOptions.DEFAULTS.withIdleTimeout(Duration.ofSeconds(1)));
        try (RawHttp c = new RawHttp(port)) {
            assertThat(c.send("GET /echo HTTP/1.1\r\nHost: a\r\n\r\n").read().status()).isEqualTo(200);
            assertClosedAfter(c, 700L);
        }
        assertReasons("Timer_ConnectionIdle");
    }

    @Test
    void aBodyThatStopsArrivingIsCutByTheEntityBodyTimerAndNeverReachesTheApplication() {
        int port = start("<limits connectionTimeout=\"00:00:01\" />", ListenerOptions.DEFAULTS);
        try (RawHttp c = new RawHttp(port)) {
            c.send("POST /body HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\nten bytes.");
            assertClosedAfter(c, 700L);
        }
        assertReasons("Timer_EntityBody");
        assertThat(server.listener.awaitIdle(Duration.ofSeconds(5))).isTrue();
        // read ahead, the body that never came held no slot of the application
        assertThat(server.dispatcher.dispatched).hasValue(0);
    }

    @Test
    void aBodyLargerThanTheReadAheadStopsArrivingAfterDispatchAndTheApplicationSeesTheCut() throws Exception {
        int port = start("<limits connectionTimeout=\"00:00:01\" />",
                ListenerOptions.DEFAULTS.withUploadReadAheadSize(1024));
        try (RawHttp c = new RawHttp(port)) {
            c.send("POST /body HTTP/1.1\r\nHost: a\r\nContent-Length: 100000\r\n\r\n" + "x".repeat(2000));
            assertThat(c.closedByServer()).isTrue();
        }
        Eventually.await(Duration.ofSeconds(5), () -> !server.dispatcher.failures.isEmpty());
        assertThat(server.dispatcher.failures.getFirst()).hasMessageContaining("closed by Timer_EntityBody");
        assertThat(server.reasons()).containsExactly("Timer_EntityBody");
    }

    @Test
    void aBodyTricklingSlowerThanMinBytesPerSecondIsCut() throws Exception {
        int port = start("<limits connectionTimeout=\"00:00:02\" />",
                ListenerOptions.DEFAULTS.withMinBytesPerSecond(1000));
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write("POST /body HTTP/1.1\r\nHost: a\r\nContent-Length: 100000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            // 200 B/s: always some bytes within the entity-body time, far too few for the rate
            try {
                while (millisSince(start) < 15_000) {
                    out.write("x".repeat(50).getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(250);
                    if (!server.logs.errors.isEmpty()) {
                        break;
                    }
                }
            } catch (IOException closed) {
                // the server closed it
            }
            assertThat(millisSince(start)).isBetween(1500L, 12_000L);
        }
        assertReasons("Timer_MinBytesPerSecond");
        assertThat(server.dispatcher.dispatched).hasValue(0);
    }

    @Test
    void aBodyAtTheMinimumRateIsReadToTheEnd() throws Exception {
        int port = start("<limits connectionTimeout=\"00:00:01\" />",
                ListenerOptions.DEFAULTS.withMinBytesPerSecond(1000).withUploadReadAheadSize(1024));
        try (RawHttp c = new RawHttp(port)) {
            c.send("POST /body HTTP/1.1\r\nHost: a\r\nContent-Length: 8000\r\n\r\n");
            // 4,000 B/s for 2 s, in pieces 100 ms apart
            for (int i = 0; i < 20; i++) {
                c.send("y".repeat(400));
                Thread.sleep(100);
            }
            assertThat(c.read().body()).isEqualTo("read 8000");
        }
        assertThat(server.logs.errors).isEmpty();
    }

    @Test
    void theUnreadRestOfABodyIsDrainedForTheDrainEntityBodyTime() {
        int port = start("", ListenerOptions.DEFAULTS.withUploadReadAheadSize(1024)
                .withEntityBodyTimeouts(Duration.ZERO, Duration.ofSeconds(1)));
        try (RawHttp c = new RawHttp(port)) {
            c.send("POST /refuse HTTP/1.1\r\nHost: a\r\nContent-Length: 1000000\r\n\r\n" + "z".repeat(4000));
            assertThat(c.read().status()).isEqualTo(405);
            long start = System.nanoTime();
            c.send("z".repeat(1000)); // more body comes, but not all of it: the drain time is the limit
            assertThat(c.closedByServer()).isTrue();
            assertThat(millisSince(start)).isBetween(500L, 4000L);
        }
        assertReasons("Timer_DrainEntityBody");
    }

    @Test
    void aClientThatReadsNothingIsDisconnectedByTheMinimumSendRate() {
        int port = start("<limits connectionTimeout=\"00:00:01\" />", ListenerOptions.DEFAULTS);
        try (RawHttp c = new RawHttp(port)) {
            c.send("GET /big?50000000 HTTP/1.1\r\nHost: a\r\n\r\n");
            Eventually.await(Duration.ofSeconds(15), () -> !server.logs.errors.isEmpty());
        }
        assertThat(server.reasons()).containsExactly("Timer_MinBytesPerSecond");
        assertThat(server.listener.awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(server.logs.access).singleElement().satisfies(r -> {
            assertThat(r.win32Status()).as("cut by Lido: ERROR_CONNECTION_ABORTED, as IIS").isEqualTo(1236);
            assertThat(r.bytesSent()).as("what the client took, not the 50 MB produced").isLessThan(25_000_000);
        });
    }

    @Test
    void aClientReadingSlowerThanMinBytesPerSecondIsDisconnected() throws Exception {
        int port = start("<limits connectionTimeout=\"00:00:01\" />",
                ListenerOptions.DEFAULTS.withMinBytesPerSecond(200_000));
        long received = 0;
        long start;
        try (Socket s = slowReader(port)) {
            s.getOutputStream().write("GET /big?50000000 HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[2048];
            start = System.nanoTime();
            // 20 KB/s, a tenth of the minimum
            try {
                int n;
                while (millisSince(start) < 20_000 && (n = in.read(buffer)) > 0) {
                    received += n;
                    Thread.sleep(100);
                }
            } catch (IOException reset) {
                // cut by the server
            }
        }
        assertThat(millisSince(start)).isLessThan(15_000L);
        assertThat(received).isLessThan(50_000_000L);
        assertReasons("Timer_MinBytesPerSecond");
    }

    @Test
    void aSlowSteadyReaderOfALargeFileReceivesEveryByteWhateverTheConnectionTimeout() throws Exception {
        Path file = dir.resolve("large.bin");
        byte[] content = new byte[6 * 1024 * 1024];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) ('a' + i % 26);
        }
        Files.write(file, content);
        // 5 s: longer than the kernel's send buffer takes to drain at this rate (the send rate sees only what the
        // listener hands over), far shorter than the transfer
        int port = start("<limits connectionTimeout=\"00:00:05\" />", ListenerOptions.DEFAULTS);
        server.dispatcher.file = file;
        long bodyBytes = content.length - 4 + 2; // what /file sends: '<', the file less 2 bytes each end, '>'
        long received = 0;
        String tail = "";
        long start = System.nanoTime();
        try (Socket s = slowReader(port)) {
            // keep-alive: the idle timer of the connection must not run while the response is still going out
            s.getOutputStream().write("GET /file HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[16384];
            int n;
            // about 400 KB/s: far above 240 B/s, and the transfer takes several connection timeouts
            while (!tail.endsWith("\r\n0\r\n\r\n") && (n = in.read(buffer)) > 0) {
                received += n;
                tail = (tail + new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                tail = tail.substring(Math.max(0, tail.length() - 8));
                Thread.sleep(25);
            }
        }
        assertThat(tail).endsWith(">\r\n0\r\n\r\n");
        assertThat(millisSince(start)).isGreaterThan(6000L);
        // chunked: the body, its chunk marks and the head
        assertThat(received).isGreaterThan(bodyBytes);
        assertThat(server.logs.errors).isEmpty();
        assertThat(server.listener.awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(server.logs.access).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(200));
    }

    /** A socket whose receive buffer is small, so the kernel does not read megabytes ahead for the test. */
    private static Socket slowReader(int port) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(8192);
        s.connect(new InetSocketAddress("127.0.0.1", port));
        s.setSoTimeout(15_000);
        return s;
    }
}
