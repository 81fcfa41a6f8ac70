package io.lido.listener;

import io.lido.listener.log.ListenerError;
import io.lido.listener.testing.Eventually;
import io.lido.listener.testing.OneSiteListener;
import io.lido.listener.testing.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Connection-level limits through real sockets: maxConnections, clients that vanish (timers: HttpSysTimersSocketTest). */
class ConnectionLimitsSocketTest {
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
        assertThat(server.logs.errors).extracting(ListenerError::reason).anyMatch(r -> r.startsWith("ConnLimit"));
        // both closed: the count went back down and a new connection is served
        Eventually.await(Duration.ofSeconds(5), () -> {
            try (RawHttp again = new RawHttp(port)) {
                return again.send("GET /echo HTTP/1.1\r\nHost: a\r\n\r\n").read().status() == 200;
            }
        });
    }

    @Test
    void aClientLeavingMidBodyIsLogged() {
        int port = start("", ListenerOptions.DEFAULTS);
        try (RawHttp c = new RawHttp(port)) {
            c.send("POST /body HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\nonly some");
            Eventually.await(Duration.ofSeconds(5), () -> server.listener.inFlight() == 1);
        }
        assertThat(server.listener.awaitIdle(Duration.ofSeconds(5))).isTrue();
        // the body was still being read ahead: the application never saw the request
        assertThat(server.dispatcher.dispatched).hasValue(0);
        assertThat(server.logs.errors).extracting(ListenerError::reason).anyMatch(r -> r.startsWith("Connection_Dropped"));
        assertThat(server.logs.access).singleElement().satisfies(r -> {
            assertThat(r.win32Status()).isEqualTo(64);
            assertThat(r.bytesReceived()).isEqualTo(62);
        });
    }

    @Test
    void aBodyGoesToTheApplicationAtTheReadAheadSizeOrWhenTheReadAheadBudgetIsSpent() throws Exception {
        int port = start("", ListenerOptions.DEFAULTS.withUploadReadAheadSize(1000).withReadAheadBudget(1500));
        String head = "POST /body HTTP/1.1\r\nHost: a\r\nContent-Length: 5000\r\n\r\n";
        try (RawHttp first = new RawHttp(port); RawHttp second = new RawHttp(port); RawHttp third = new RawHttp(port)) {
            first.send(head + "a".repeat(999));
            second.send(head + "b".repeat(400));
            Eventually.await(Duration.ofSeconds(5), () -> server.listener.inFlight() == 2);
            Thread.sleep(200);
            assertThat(server.dispatcher.dispatched).as("both below the read-ahead size, within the budget").hasValue(0);

            first.send("a"); // 1000: the read-ahead size
            Eventually.await(Duration.ofSeconds(5), () -> server.dispatcher.dispatched.get() == 1);

            second.send("b".repeat(500)); // 900 held: the first one's 999 went back to the budget when it went
            Thread.sleep(200);
            assertThat(server.dispatcher.dispatched).hasValue(1);

            third.send(head + "c".repeat(700)); // 900 + 700 is over the budget: it goes with what it has
            Eventually.await(Duration.ofSeconds(5), () -> server.dispatcher.dispatched.get() == 2);
        }
    }
}
