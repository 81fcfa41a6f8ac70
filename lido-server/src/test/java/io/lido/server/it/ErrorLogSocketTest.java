package io.lido.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lido.server.LidoTestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The httperr log through the real server: what the listener answered itself, one line each in
 * {@code logs/HTTPERR/httperr1.log} with HTTP.sys's fields and a reason; never a line in the W3C log.
 */
class ErrorLogSocketTest {
    private static final String FIELDS = "#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri "
            + "sc-status s-siteid s-reason s-queuename";

    @TempDir
    Path dir;

    @Test
    void listenerErrorsAreLoggedWithTheirReason() {
        int port;
        try (LidoTestServer lido = LidoTestServer.in(dir).webFile("hello.txt", "hello").start()) {
            port = lido.port();
            assertThat(RawExchange.send(port, "GET /hello.txt HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Length: 1\r\nContent-Length: 2\r\n\r\nxx").statuses()).containsExactly(400);
            assertThat(RawExchange.send(port, "GET /hello.txt HTTP/3.0\r\nHost: localhost\r\n\r\n").statuses())
                    .containsExactly(505);
            assertThat(RawExchange.send(port, "GET /" + "u".repeat(5_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .statuses()).containsExactly(404);
        }
        Path folder = dir.resolve("logs/HTTPERR");
        assertThat(LogFiles.lines(folder)).contains("#Version: 1.0", FIELDS);
        List<String> entries = LogFiles.entries(folder);
        assertThat(entries).hasSize(3);
        for (String entry : entries) {
            String[] f = entry.split(" ");
            assertThat(f).as(entry).hasSize(13);
            assertThat(f[2]).isEqualTo("127.0.0.1");
            assertThat(Integer.parseInt(f[3])).isPositive();
            assertThat(f[5]).isEqualTo(Integer.toString(port));
            assertThat(f[11]).as("s-reason: one HTTP.sys token").matches("[A-Za-z_/]+");
        }
        assertThat(entries.get(0).split(" ")[9]).isEqualTo("400");
        assertThat(entries.get(1).split(" ")[9]).isEqualTo("505");
        assertThat(entries.get(1).split(" ")[11]).isEqualTo("Version_N/S");
        assertThat(entries.get(2).split(" ")[9]).isEqualTo("404");
        assertThat(entries.get(2).split(" ")[11]).isEqualTo("URL_Length");
        assertThat(dir.resolve("logs/W3SVC1")).doesNotExist();
    }

    @Test
    void anIdleConnectionIsClosedAfterTheSiteConnectionTimeoutAndLogged() {
        String config = SiteConfigs.applicationHost(SiteConfigs.site(LidoTestServer.SITE, 1, "",
                "<limits connectionTimeout=\"00:00:01\" />", ""));
        try (LidoTestServer lido = LidoTestServer.in(dir).serverConfig(config).start()) {
            RawExchange idle = RawExchange.send(lido.port(), "", Duration.ofSeconds(5));
            assertThat(idle.closed()).as("closed by the server within 5 s").isTrue();
            assertThat(idle.received()).isEmpty();
        }
        assertThat(LogFiles.entries(dir.resolve("logs/HTTPERR"))).singleElement().asString()
                .contains(" - - - - - Timer_ConnectionIdle");
    }

    @Test
    void anUnknownHostIsLoggedAsHostname() {
        try (LidoTestServer lido = LidoTestServer.in(dir).addSite("Named", 3, "127.0.0.1:0:named.test").start()) {
            assertThat(RawExchange.send(lido.port(), "GET /x HTTP/1.1\r\nHost: evil.test\r\n\r\n").statuses())
                    .containsExactly(400);
        }
        assertThat(LogFiles.entries(dir.resolve("logs/HTTPERR"))).singleElement().asString()
                .contains(" HTTP/1.1 GET /x 400 ")
                .contains(" Hostname");
    }
}
