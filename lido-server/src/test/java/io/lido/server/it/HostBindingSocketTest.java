package io.lido.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lido.server.LidoTestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A site bound to a host name: other hosts get HTTP.sys's 400 Invalid Hostname, with the connection closed. */
class HostBindingSocketTest {

    @TempDir
    static Path dir;
    private static LidoTestServer lido;

    @BeforeAll
    static void start() {
        lido = LidoTestServer.in(dir)
                .addSite("Named", 5, "127.0.0.1:0:www.example.test")
                .webFile("hello.txt", "hello")
                .start();
    }

    @AfterAll
    static void stop() {
        lido.close();
    }

    @Test
    void theBoundHostIsServedWhateverItsCaseAndPort() {
        RawExchange exchange = RawExchange.send(lido.port(), "GET /hello.txt HTTP/1.1\r\nHost: WWW.Example.test:"
                + lido.port() + "\r\nConnection: close\r\n\r\n");
        assertThat(exchange.statuses()).containsExactly(200);
    }

    @Test
    void anotherHostIs400InvalidHostname() {
        RawExchange exchange = RawExchange.send(lido.port(),
                "GET /hello.txt HTTP/1.1\r\nHost: other.test\r\n\r\nGET /hello.txt HTTP/1.1\r\nHost: www.example.test\r\n\r\n");
        assertThat(exchange.statuses()).containsExactly(400);
        assertThat(exchange.received()).contains("Invalid Hostname");
        assertThat(exchange.firstHeadLowerCase()).contains("connection: close");
        assertThat(exchange.closed()).isTrue();
    }

    @Test
    void aMissingHostIs400() {
        RawExchange exchange = RawExchange.send(lido.port(), "GET /hello.txt HTTP/1.1\r\n\r\n");
        assertThat(exchange.statuses()).containsExactly(400);
        assertThat(exchange.closed()).isTrue();
    }
}
