package io.lido.listener;

import io.lido.config.ServerConfig;
import io.lido.listener.log.ListenerError;
import io.lido.listener.testing.Eventually;
import io.lido.listener.testing.HostConfig;
import io.lido.listener.testing.RawHttp;
import io.lido.listener.testing.RecordingLogs;
import io.lido.listener.testing.ScriptedDispatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Connection-level limits through real sockets: maxConnections, HeaderWait, clients that vanish. */
class ConnectionLimitsSocketTest {
    @TempDir
    Path dir;
    private final ScriptedDispatcher dispatcher = new ScriptedDispatcher();
    private final RecordingLogs logs = new RecordingLogs();
    private HttpListener listener;

    private int start(String limits, ListenerOptions options) {
        ServerConfig config = HostConfig.load(dir, HostConfig.site("S", 7, dir, "127.0.0.1:0:", limits), "");
        listener = new HttpListener(config, (site, app) -> dispatcher, logs, logs, options);
        listener.start();
        return listener.port("S");
    }

    @AfterEach
    void stop() {
        dispatcher.release.countDown();
        listener.close();
    }

    @Test
    void connectionsBeyondMaxConnectionsGet503() {
        int port = start("<limits maxConnections=\"1\" />", ListenerOptions.DEFAULTS);
        try (RawHttp first = new RawHttp(port)) {
            assertThat(first.send("GET /echo HTTP/1.1\r\nHost: a\r\n\r\n").read().status()).isEqualTo(200);
            try (RawHttp second = new RawHttp(port)) {
                RawHttp.Response refused = second.read();
                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.header("Connection")).isEqualTo("close");
            }
        }
        assertThat(logs.errors).extracting(ListenerError::reason).anyMatch(r -> r.startsWith("ConnLimit"));
        // both closed: the count went back down and a new connection is served
        Eventually.await(Duration.ofSeconds(5), () -> {
            try (RawHttp again = new RawHttp(port)) {
                return again.send("GET /echo HTTP/1.1\r\nHost: a\r\n\r\n").read().status() == 200;
            }
        });
    }

    @Test
    void aHeadThatNeverCompletesIsClosedAfterTheHeaderWait() {
        int port = start("", ListenerOptions.DEFAULTS.withHeaderWaitTimeout(Duration.ofMillis(500)));
        try (RawHttp slow = new RawHttp(port)) {
            slow.send("GET / HTTP/1.1\r\nHost: a\r\n");
            long start = System.nanoTime();
            assertThat(slow.closedByServer()).isTrue();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(300L, 3000L);
        }
        ListenerError e = logs.errors.getFirst();
        assertThat(e.reason()).isEqualTo("Timer_HeaderWait");
        assertThat(e.status()).isZero();
    }

    @Test
    void aBodyThatStopsArrivingIsCutAfterTheConnectionTimeout() {
        int port = start("<limits connectionTimeout=\"00:00:01\" />", ListenerOptions.DEFAULTS);
        try (RawHttp c = new RawHttp(port)) {
            c.send("POST /body HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\nten bytes.");
            long start = System.nanoTime();
            assertThat(c.closedByServer()).isTrue();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(700L, 4000L);
        }
        Eventually.await(Duration.ofSeconds(5), () -> !dispatcher.failures.isEmpty());
        assertThat(dispatcher.failures.getFirst()).hasMessageContaining("closed by Timer_EntityBody");
        assertThat(logs.errors).extracting(ListenerError::reason).containsExactly("Timer_EntityBody");
    }

    @Test
    void aClientThatReadsNothingIsDisconnectedAfterTheConnectionTimeout() {
        int port = start("<limits connectionTimeout=\"00:00:01\" />", ListenerOptions.DEFAULTS);
        try (RawHttp c = new RawHttp(port)) {
            c.send("GET /big?50000000 HTTP/1.1\r\nHost: a\r\n\r\n");
            Eventually.await(Duration.ofSeconds(10), () -> !logs.errors.isEmpty());
        }
        assertThat(logs.errors).extracting(ListenerError::reason).containsExactly("Timer_MinBytesPerSecond");
        assertThat(listener.awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(logs.access).singleElement().satisfies(r -> {
            assertThat(r.win32Status()).as("cut by Lido: ERROR_CONNECTION_ABORTED, as IIS").isEqualTo(1236);
            assertThat(r.bytesSent()).as("what the client took, not the 50 MB produced").isLessThan(25_000_000);
        });
    }

    @Test
    void aClientLeavingMidBodyFailsTheBodyReadAndIsLogged() {
        int port = start("", ListenerOptions.DEFAULTS);
        try (RawHttp c = new RawHttp(port)) {
            c.send("POST /body HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\nonly some");
            Eventually.await(Duration.ofSeconds(5), () -> listener.inFlight() == 1);
        }
        Eventually.await(Duration.ofSeconds(5), () -> !dispatcher.failures.isEmpty());
        assertThat(dispatcher.failures.getFirst()).hasMessageContaining("client closed the connection");
        assertThat(listener.awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(logs.errors).extracting(ListenerError::reason).anyMatch(r -> r.startsWith("Connection_Dropped"));
        assertThat(logs.access).singleElement().satisfies(r -> {
            assertThat(r.win32Status()).isEqualTo(64);
            assertThat(r.bytesReceived()).isEqualTo(62);
        });
    }
}
