package io.lido.listener;

import io.lido.config.ServerConfig;
import io.lido.listener.log.AccessRecord;
import io.lido.listener.testing.HostConfig;
import io.lido.listener.testing.RecordingLogs;
import io.lido.listener.testing.ScriptedDispatcher;
import io.lido.listener.testing.OneSiteListener;
import io.lido.listener.testing.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * system.webServer/security/ipSecurity through real sockets: clients on 127.0.0.1, 127.0.0.2, ... (all
 * loopback on Linux) against allow and deny lists; a denied request never reaches the application and is
 * logged in the W3C log with IIS 8's sub-status 503.
 */
class IpSecuritySocketTest {
    private static final String GET = "GET /echo HTTP/1.1\r\nHost: a\r\n\r\n";

    @TempDir
    Path dir;
    private OneSiteListener server;

    private int start(String sections) {
        server = new OneSiteListener(dir, "", sections, ListenerOptions.DEFAULTS);
        return server.port;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String ipSecurity(String attributes, String entries) {
        return "<system.webServer><security><ipSecurity " + attributes + ">" + entries
                + "</ipSecurity></security></system.webServer>";
    }

    private static RawHttp.Response get(int port, String from, String request) {
        try (RawHttp client = new RawHttp(port, from)) {
            return client.send(request).read();
        }
    }

    @Test
    void anAllowListLetsOnlyItsNetworksIn() {
        int port = start(ipSecurity("allowUnlisted=\"false\"",
                "<add ipAddress=\"127.0.0.1\" allowed=\"true\" /><add ipAddress=\"127.0.1.0\" subnetMask=\"255.255.255.0\" "
                        + "allowed=\"true\" />"));
        assertThat(get(port, "127.0.0.1", GET).status()).isEqualTo(200);
        assertThat(get(port, "127.0.1.77", GET).status()).isEqualTo(200);
        RawHttp.Response denied = get(port, "127.0.0.2", GET);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.body()).contains("HTTP Error 403.503");
        assertThat(denied.header("Connection")).isEqualTo("close");
        assertThat(server.dispatcher.dispatched).hasValue(2);
        assertThat(server.logs.access).filteredOn(r -> r.clientIp().equals("127.0.0.2")).singleElement()
                .satisfies(r -> {
                    assertThat(r.status()).isEqualTo(403);
                    assertThat(r.subStatus()).isEqualTo(503);
                    assertThat(r.win32Status()).isZero();
                    assertThat(r.uriStem()).isEqualTo("/echo");
                    assertThat(r.bytesSent()).isPositive();
                });
        assertThat(server.logs.errors).as("IIS's module answers this, so it is in the W3C log, not httperr").isEmpty();
    }

    @Test
    void aDenyListKeepsItsNetworksOutAndTheFirstMatchingEntryDecides() {
        int port = start(ipSecurity("", "<add ipAddress=\"127.0.3.9\" allowed=\"true\" />"
                + "<add ipAddress=\"127.0.3.0\" subnetMask=\"24\" />"));
        assertThat(get(port, "127.0.3.9", GET).status()).isEqualTo(200);
        assertThat(get(port, "127.0.3.8", GET).status()).isEqualTo(403);
        assertThat(get(port, "127.0.4.8", GET).status()).isEqualTo(200);
    }

    @Test
    void denyActionChoosesTheAnswer() {
        int port = start(ipSecurity("denyAction=\"NotFound\"", "<add ipAddress=\"127.0.0.2\" />"));
        RawHttp.Response notFound = get(port, "127.0.0.2", GET);
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.body()).as("NotFound hides the reason").doesNotContain("IP").contains("HTTP Error 404.");
        assertThat(server.logs.access).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.subStatus()).isEqualTo(503);
        });
    }

    @Test
    void abortRequestClosesWithoutAnAnswer() {
        int port = start(ipSecurity("denyAction=\"AbortRequest\"", "<add ipAddress=\"127.0.0.2\" />"));
        try (RawHttp client = new RawHttp(port, "127.0.0.2")) {
            client.send(GET);
            assertThat(client.closedByServer()).isTrue();
            assertThat(client.rest()).isEmpty();
        }
        assertThat(server.dispatcher.dispatched).hasValue(0);
        assertThat(server.logs.access).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.subStatus()).isEqualTo(503);
            assertThat(r.win32Status()).isEqualTo(1236);
            assertThat(r.bytesSent()).isZero();
        });
    }

    @Test
    void proxyModeChecksTheForwardedAddressesToo() {
        int port = start(ipSecurity("enableProxyMode=\"true\"", "<add ipAddress=\"10.0.0.0\" subnetMask=\"255.0.0.0\" />"
                + "<add ipAddress=\"2001:db8::\" subnetMask=\"32\" />"));
        String forwarded = "GET /echo HTTP/1.1\r\nHost: a\r\nX-Forwarded-For: %s\r\n\r\n";
        assertThat(get(port, "127.0.0.1", forwarded.formatted("192.0.2.7")).status()).isEqualTo(200);
        assertThat(get(port, "127.0.0.1", forwarded.formatted("192.0.2.7, 10.1.2.3")).status()).isEqualTo(403);
        assertThat(get(port, "127.0.0.1", forwarded.formatted("10.1.2.3:4711")).status()).isEqualTo(403);
        assertThat(get(port, "127.0.0.1", forwarded.formatted("[2001:db8:1::5]:443")).status()).isEqualTo(403);
        assertThat(get(port, "127.0.0.1", forwarded.formatted("2001:db9::5")).status()).isEqualTo(200);
        // two fields read as one list
        assertThat(get(port, "127.0.0.1", "GET /echo HTTP/1.1\r\nHost: a\r\nX-Forwarded-For: 192.0.2.7\r\n"
                + "X-Forwarded-For: 10.9.9.9\r\n\r\n").status()).isEqualTo(403);
    }

    @Test
    void withoutProxyModeTheForwardedAddressIsIgnored() {
        int port = start(ipSecurity("", "<add ipAddress=\"10.0.0.0\" subnetMask=\"255.0.0.0\" />"));
        assertThat(get(port, "127.0.0.1", "GET /echo HTTP/1.1\r\nHost: a\r\nX-Forwarded-For: 10.1.2.3\r\n\r\n").status())
                .isEqualTo(200);
    }

    @Test
    void anAllowListInProxyModeNeedsEveryAddressListed() {
        int port = start(ipSecurity("allowUnlisted=\"false\" enableProxyMode=\"true\"",
                "<add ipAddress=\"127.0.0.1\" allowed=\"true\" /><add ipAddress=\"192.0.2.0\" subnetMask=\"24\" allowed=\"true\" />"));
        String forwarded = "GET /echo HTTP/1.1\r\nHost: a\r\nX-Forwarded-For: %s\r\n\r\n";
        assertThat(get(port, "127.0.0.1", forwarded.formatted("192.0.2.7")).status()).isEqualTo(200);
        assertThat(get(port, "127.0.0.1", forwarded.formatted("198.51.100.1")).status()).isEqualTo(403);
        assertThat(get(port, "127.0.0.1", forwarded.formatted("unknown")).status()).isEqualTo(403);
    }

    @Test
    void aLocationRestrictsOnlyItsFolder() throws Exception {
        Files.createDirectories(dir.resolve("admin"));
        int port = start("<location path=\"S/admin\">" + ipSecurity("allowUnlisted=\"false\"",
                "<add ipAddress=\"127.0.0.1\" allowed=\"true\" />") + "</location>");
        assertThat(get(port, "127.0.0.2", GET).status()).isEqualTo(200);
        assertThat(get(port, "127.0.0.2", "GET /admin/echo HTTP/1.1\r\nHost: a\r\n\r\n").status()).isEqualTo(403);
        assertThat(get(port, "127.0.0.2", "GET /ADMIN/x/../echo HTTP/1.1\r\nHost: a\r\n\r\n").status()).isEqualTo(403);
        assertThat(get(port, "127.0.0.1", "GET /admin/echo HTTP/1.1\r\nHost: a\r\n\r\n").status()).isEqualTo(200);
    }

    @Test
    void anInvalidWebConfigDoesNotLiftTheRestrictions() throws Exception {
        int port = start(ipSecurity("", "<add ipAddress=\"127.0.0.2\" />"));
        assertThat(get(port, "127.0.0.1", GET).status()).isEqualTo(200);
        // A bad deployment: the application's web.config no longer parses (its domain would keep serving).
        Files.writeString(dir.resolve("web.config"), "<configuration><system.webServer><bogus /></system.webServer>"
                + "</configuration>");
        Thread.sleep(1100); // the configuration re-checks a file at most once a second
        assertThat(get(port, "127.0.0.2", GET).status()).isEqualTo(403);
        assertThat(get(port, "127.0.0.1", GET).status()).isEqualTo(200);
    }

    @Test
    void ipv6ClientsMatchIpv6Networks() throws Exception {
        Path v6 = dir.resolve("v6");
        ServerConfig config = HostConfig.load(v6, HostConfig.site("S6", 8, v6.resolve("www"), "[::1]:0:", ""),
                ipSecurity("allowUnlisted=\"false\"", "<add ipAddress=\"::1\" allowed=\"true\" />"));
        ScriptedDispatcher dispatcher = new ScriptedDispatcher();
        RecordingLogs logs = new RecordingLogs();
        try (HttpListener listener = new HttpListener(config, (site, app) -> dispatcher, logs, logs)) {
            listener.start();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("::1", listener.port("S6")), 5000);
                socket.setSoTimeout(5000);
                socket.getOutputStream().write(GET.getBytes(StandardCharsets.US_ASCII));
                assertThat(new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII))
                        .isEqualTo("HTTP/1.1 200");
            }
        }
        assertThat(logs.access).singleElement().satisfies(r -> assertThat(r.clientIp()).isEqualTo("0:0:0:0:0:0:0:1"));
        // the same rules on an IPv4 binding: 127.0.0.1 is not ::1
        int port = start(ipSecurity("allowUnlisted=\"false\"", "<add ipAddress=\"::1\" allowed=\"true\" />"));
        assertThat(get(port, "127.0.0.1", GET).status()).isEqualTo(403);
    }

    @Test
    void aDeniedClientsBodyIsNotPassedOn() {
        int port = start(ipSecurity("", "<add ipAddress=\"127.0.0.2\" />"));
        RawHttp.Response denied = get(port, "127.0.0.2", "POST /body HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(server.dispatcher.dispatched).hasValue(0);
        AccessRecord record = server.logs.access.getFirst();
        assertThat(record.method()).isEqualTo("POST");
    }
}
