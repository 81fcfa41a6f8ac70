package io.lido.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lido.server.LidoTestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The errors the listener answers itself (issue 2 part 4): 413, 404.14 and 404.15 (requestFiltering's
 * maxUrl and maxQueryString, as IIS), 414, 431, 505 and 400 for an unknown
 * host, each with {@code Connection: close} and the connection closed, and nothing after it answered.
 */
class LimitsSocketTest {
    private static final String HIDDEN = "GET /hello.txt HTTP/1.1\r\nHost: localhost\r\n\r\n";

    @TempDir
    static Path dir;
    private static LidoTestServer lido;

    @BeforeAll
    static void start() {
        lido = LidoTestServer.in(dir)
                .webFile("hello.txt", "hello")
                .file("wwwroot/bin/echo.jar", EchoApplication.jar())
                .webConfig(EchoApplication.webConfig("""
                        <security>
                          <requestFiltering>
                            <requestLimits maxAllowedContentLength="1000" maxUrl="1024" />
                          </requestFiltering>
                        </security>
                        """))
                .start();
    }

    @AfterAll
    static void stop() {
        lido.close();
    }

    private static void assertRejected(RawExchange exchange, int status) {
        assertThat(exchange.statuses()).as(exchange.describe()).containsExactly(status);
        assertThat(exchange.firstHeadLowerCase()).contains("connection: close");
        assertThat(exchange.closed()).as("connection closed").isTrue();
    }

    @Test
    void aBodyOverMaxAllowedContentLengthIs413BeforeTheBodyIsSent() {
        RawExchange exchange = RawExchange.send(lido.port(),
                "POST /hello.txt HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1001\r\n\r\n");
        assertRejected(exchange, 413);
    }

    @Test
    void aChunkedBodyThatGrowsOverTheLimitIs413() {
        // To a handler that reads the body, so the limit, not the handler, decides the answer.
        String chunk = "x".repeat(600);
        RawExchange exchange = RawExchange.send(lido.port(),
                "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "258\r\n" + chunk + "\r\n258\r\n" + chunk + "\r\n0\r\n\r\n" + HIDDEN);
        assertRejected(exchange, 413);
    }

    @Test
    void aUrlOverMaxUrlIs404_14AsIisRequestFilteringAnswers() {
        RawExchange exchange = RawExchange.send(lido.port(),
                "GET /" + "a".repeat(2000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n" + HIDDEN);
        assertRejected(exchange, 404);
        assertThat(exchange.received()).contains("HTTP Error 404.14.");
    }

    @Test
    void aQueryStringOverMaxQueryStringIs404_15AsIisRequestFilteringAnswers() {
        RawExchange exchange = RawExchange.send(lido.port(),
                "GET /hello.txt?" + "q".repeat(3000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n" + HIDDEN);
        assertRejected(exchange, 404);
        assertThat(exchange.received()).contains("HTTP Error 404.15.");
    }

    @Test
    void aRequestLineOverTheListenersLimitStays414() {
        RawExchange exchange = RawExchange.send(lido.port(),
                "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n" + HIDDEN);
        assertRejected(exchange, 414);
    }

    @Test
    void headerFieldsTooLargeAre431() {
        RawExchange exchange = RawExchange.send(lido.port(),
                "GET /hello.txt HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(100_000) + "\r\n\r\n" + HIDDEN);
        assertRejected(exchange, 431);
    }

    @Test
    void anUnsupportedMajorVersionIs505() {
        RawExchange exchange = RawExchange.send(lido.port(),
                "GET /hello.txt HTTP/3.0\r\nHost: localhost\r\n\r\n" + HIDDEN);
        assertRejected(exchange, 505);
    }

    @Test
    void aChunkedBodyOverTheLimitToAStaticFileGetsOneAnswerAndAClose() {
        // The static file answers 405 without reading the body; whether the listener's 413 or that 405
        // wins is a race, but either way it is the only answer and the connection closes.
        String chunk = "x".repeat(600);
        RawExchange exchange = RawExchange.send(lido.port(),
                "POST /hello.txt HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "258\r\n" + chunk + "\r\n258\r\n" + chunk + "\r\n0\r\n\r\n" + HIDDEN);
        assertThat(exchange.statuses()).as(exchange.describe()).hasSize(1)
                .allSatisfy(status -> assertThat(status).isIn(405, 413));
        assertThat(exchange.closed()).as("connection closed").isTrue();
    }

    @Test
    void anEchoUnderTheLimitIsServed() {
        RawExchange exchange = RawExchange.send(lido.port(), "POST /echo HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Length: 1000\r\nConnection: close\r\n\r\n" + "y".repeat(1000));
        assertThat(exchange.statuses()).as(exchange.describe()).containsExactly(200);
        assertThat(exchange.received()).contains("received 1000: yyy");
    }

    @Test
    void aRequestUnderTheLimitsIsServed() {
        RawExchange exchange = RawExchange.send(lido.port(),
                "GET /hello.txt?" + "q".repeat(500) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(exchange.statuses()).containsExactly(200);
    }
}
