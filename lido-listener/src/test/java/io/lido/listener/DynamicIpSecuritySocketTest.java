package io.lido.listener;

import io.lido.listener.testing.Eventually;
import io.lido.listener.testing.OneSiteListener;
import io.lido.listener.testing.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * system.webServer/security/dynamicIpSecurity through real sockets: too many concurrent requests (403.501) or
 * too many requests in an interval (403.502) from one client, counted per client address (or, in proxy mode,
 * per forwarded address), while other clients stay served.
 */
class DynamicIpSecuritySocketTest {
    private static final String GET = "GET /echo HTTP/1.1\r\nHost: a\r\n\r\n";
    private static final String WAIT = "GET /wait HTTP/1.1\r\nHost: a\r\n\r\n";

    @TempDir
    Path dir;
    private OneSiteListener server;

    private int start(String attributes, String limits) {
        server = new OneSiteListener(dir, "", "<system.webServer><security><dynamicIpSecurity " + attributes + ">"
                + limits + "</dynamicIpSecurity></security></system.webServer>", ListenerOptions.DEFAULTS);
        return server.port;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static RawHttp.Response get(int port, String from, String request) {
        try (RawHttp client = new RawHttp(port, from)) {
            return client.send(request).read();
        }
    }

    @Test
    void concurrentRequestsBeyondTheLimitAreDeniedUntilOneEnds() {
        int port = start("", "<denyByConcurrentRequests enabled=\"true\" maxConcurrentRequests=\"2\" />");
        List<RawHttp> waiting = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                waiting.add(new RawHttp(port, "127.0.0.1").send(WAIT));
            }
            Eventually.await(Duration.ofSeconds(5), () -> server.listener.inFlight() == 2);
            RawHttp.Response third = get(port, "127.0.0.1", GET);
            assertThat(third.status()).isEqualTo(403);
            assertThat(third.body()).contains("HTTP Error 403.501");
            assertThat(get(port, "127.0.0.2", GET).status()).as("another client").isEqualTo(200);
            server.dispatcher.release.countDown();
            for (RawHttp w : waiting) {
                assertThat(w.read().status()).isEqualTo(200);
            }
        } finally {
            waiting.forEach(RawHttp::close);
        }
        Eventually.await(Duration.ofSeconds(5), () -> server.listener.inFlight() == 0);
        assertThat(get(port, "127.0.0.1", GET).status()).as("its requests ended").isEqualTo(200);
        assertThat(server.logs.access).filteredOn(r -> r.status() == 403).singleElement()
                .satisfies(r -> assertThat(r.subStatus()).isEqualTo(501));
    }

    @Test
    void aClientThatLeavesMidRequestFreesItsSlot() {
        int port = start("", "<denyByConcurrentRequests enabled=\"true\" maxConcurrentRequests=\"1\" />");
        try (RawHttp first = new RawHttp(port, "127.0.0.1")) {
            first.send(WAIT);
            Eventually.await(Duration.ofSeconds(5), () -> server.listener.inFlight() == 1);
        }
        Eventually.await(Duration.ofSeconds(5), () -> server.listener.inFlight() == 0);
        assertThat(get(port, "127.0.0.1", GET).status()).isEqualTo(200);
    }

    @Test
    void requestsBeyondTheRateAreDeniedForTheRestOfTheInterval() {
        // a long interval, so that the test does not depend on the machine's speed
        int port = start("", "<denyByRequestRate enabled=\"true\" maxRequests=\"5\" requestIntervalInMilliseconds=\"60000\" />");
        try (RawHttp client = new RawHttp(port, "127.0.0.1")) {
            for (int i = 0; i < 5; i++) {
                assertThat(client.send(GET).read().status()).isEqualTo(200);
            }
        }
        RawHttp.Response sixth = get(port, "127.0.0.1", GET);
        assertThat(sixth.status()).isEqualTo(403);
        assertThat(sixth.body()).contains("HTTP Error 403.502");
        assertThat(get(port, "127.0.0.1", GET).status()).isEqualTo(403);
        assertThat(get(port, "127.0.0.2", GET).status()).as("another client").isEqualTo(200);
        assertThat(server.dispatcher.dispatched).hasValue(6);
        assertThat(server.logs.access).filteredOn(r -> r.status() == 403)
                .allSatisfy(r -> assertThat(r.subStatus()).isEqualTo(502)).hasSize(2);
    }

    @Test
    void aShortIntervalEnds() throws Exception {
        int port = start("", "<denyByRequestRate enabled=\"true\" maxRequests=\"1\" requestIntervalInMilliseconds=\"300\" />");
        assertThat(get(port, "127.0.0.1", GET).status()).isEqualTo(200);
        Eventually.await(Duration.ofSeconds(5), () -> get(port, "127.0.0.1", GET).status() == 403);
        Thread.sleep(400);
        assertThat(get(port, "127.0.0.1", GET).status()).isEqualTo(200);
    }

    @Test
    void denyActionUnauthorized() {
        int port = start("denyAction=\"Unauthorized\"", "<denyByRequestRate enabled=\"true\" maxRequests=\"1\" "
                + "requestIntervalInMilliseconds=\"60000\" />");
        assertThat(get(port, "127.0.0.1", GET).status()).isEqualTo(200);
        assertThat(get(port, "127.0.0.1", GET).status()).isEqualTo(401);
        assertThat(server.logs.access).filteredOn(r -> r.status() == 401).singleElement()
                .satisfies(r -> assertThat(r.subStatus()).isEqualTo(502));
    }

    @Test
    void loggingOnlyModeServesAndLogsTheSubStatus() {
        int port = start("enableLoggingOnlyMode=\"true\"", "<denyByRequestRate enabled=\"true\" maxRequests=\"1\" "
                + "requestIntervalInMilliseconds=\"60000\" />");
        assertThat(get(port, "127.0.0.1", GET).status()).isEqualTo(200);
        assertThat(get(port, "127.0.0.1", GET).status()).isEqualTo(200);
        Eventually.await(Duration.ofSeconds(5), () -> server.logs.access.size() == 2);
        assertThat(server.logs.access).extracting(r -> r.status() + "." + r.subStatus())
                .containsExactlyInAnyOrder("200.0", "200.502");
    }

    @Test
    void proxyModeCountsTheForwardedClient() {
        int port = start("enableProxyMode=\"true\"", "<denyByRequestRate enabled=\"true\" maxRequests=\"2\" "
                + "requestIntervalInMilliseconds=\"60000\" />");
        String forwarded = "GET /echo HTTP/1.1\r\nHost: a\r\nX-Forwarded-For: %s\r\n\r\n";
        for (int i = 0; i < 2; i++) {
            assertThat(get(port, "127.0.0.1", forwarded.formatted("192.0.2.1")).status()).isEqualTo(200);
        }
        assertThat(get(port, "127.0.0.1", forwarded.formatted("192.0.2.1")).status()).isEqualTo(403);
        // the same proxy, another client behind it
        assertThat(get(port, "127.0.0.1", forwarded.formatted("192.0.2.2")).status()).isEqualTo(200);
        // what the client wrote before the proxy's entry does not change who it is
        assertThat(get(port, "127.0.0.1", forwarded.formatted("203.0.113.9, 192.0.2.1")).status()).isEqualTo(403);
    }
}
