package io.lido.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lido.server.LidoTestServer;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ambiguous or malformed framing over a raw socket (RFC 9112 §6.3, §11.2): each request carries a hidden
 * second request for {@code /smuggled.txt}. The listener must answer 400 (or, where noted, another status
 * the RFC allows), close the connection, and never answer the hidden request.
 */
class SmugglingSocketTest {
    private static final String MARKER = "SMUGGLED-MARKER-5e1b";
    private static final Set<Integer> BAD_REQUEST = Set.of(400);
    private static final String HIDDEN = "GET /smuggled.txt HTTP/1.1\r\nHost: localhost\r\n\r\n";

    @TempDir
    static Path dir;
    private static LidoTestServer lido;

    @BeforeAll
    static void start() {
        // Bodies go to a handler that reads them, so every framing error is found before anyone answers.
        lido = EchoApplication.deploy(LidoTestServer.in(dir))
                .webFile("hello.txt", "hello")
                .webFile("smuggled.txt", MARKER)
                .start();
    }

    @AfterAll
    static void stop() {
        lido.close();
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("Content-Length and Transfer-Encoding together (CL.TE)", BAD_REQUEST,
                        "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n"
                                + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + HIDDEN),
                Arguments.of("Transfer-Encoding before Content-Length (TE.CL)", BAD_REQUEST,
                        "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n"
                                + "Content-Length: 4\r\n\r\n" + Integer.toHexString(HIDDEN.length()) + "\r\n"
                                + HIDDEN + "\r\n0\r\n\r\n"),
                Arguments.of("two different Content-Length values", BAD_REQUEST,
                        "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n"
                                + "Content-Length: " + HIDDEN.length() + "\r\n\r\n" + HIDDEN),
                Arguments.of("a Content-Length list with different values", BAD_REQUEST,
                        "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0, "
                                + HIDDEN.length() + "\r\n\r\n" + HIDDEN),
                Arguments.of("obsolete line folding", BAD_REQUEST,
                        "GET /hello.txt HTTP/1.1\r\nHost: localhost\r\nX-Folded: a\r\n b\r\n\r\n" + HIDDEN),
                Arguments.of("obs-fold continuing Transfer-Encoding", BAD_REQUEST,
                        "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + (5 + HIDDEN.length())
                                + "\r\nTransfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n" + HIDDEN),
                Arguments.of("a chunk size that is not hex", BAD_REQUEST,
                        "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + "zz\r\nhello\r\n0\r\n\r\n" + HIDDEN),
                // Larger than any body limit: 413 is as safe as 400 as long as the connection closes.
                Arguments.of("a chunk size that overflows 64 bits", Set.of(400, 413),
                        "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + "10000000000000005\r\nhello\r\n0\r\n\r\n" + HIDDEN),
                Arguments.of("a chunk size with a 0x prefix", BAD_REQUEST,
                        "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + "0x5\r\nhello\r\n0\r\n\r\n" + HIDDEN),
                Arguments.of("Transfer-Encoding not ending in chunked", BAD_REQUEST,
                        "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked, identity\r\n"
                                + "\r\n0\r\n\r\n" + HIDDEN),
                // RFC 9112 §6.1: 400 because chunked is not last, or 501 for a coding the server lacks.
                Arguments.of("an unknown transfer coding only", Set.of(400, 501),
                        "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: gzip\r\n\r\n" + HIDDEN),
                Arguments.of("an obfuscated Transfer-Encoding value", BAD_REQUEST,
                        "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + (5 + HIDDEN.length())
                                + "\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n" + HIDDEN),
                Arguments.of("whitespace between the field name and the colon", BAD_REQUEST,
                        "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length : " + HIDDEN.length()
                                + "\r\n\r\n" + HIDDEN),
                Arguments.of("a signed Content-Length", BAD_REQUEST,
                        "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: +" + HIDDEN.length()
                                + "\r\n\r\n" + HIDDEN),
                Arguments.of("a non-token byte in a field name", BAD_REQUEST,
                        "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length\u0085: " + HIDDEN.length()
                                + "\r\n\r\n" + HIDDEN),
                Arguments.of("a NUL byte in a field value", BAD_REQUEST,
                        "GET /hello.txt HTTP/1.1\r\nHost: localhost\r\nX-Bad: a\u0000b\r\n\r\n" + HIDDEN),
                Arguments.of("Transfer-Encoding in HTTP/1.0", BAD_REQUEST,
                        "POST /echo HTTP/1.0\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + "0\r\n\r\n" + HIDDEN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void isRejectedAndTheConnectionClosed(String name, Set<Integer> allowed, String request) {
        RawExchange exchange = RawExchange.send(lido.port(), request);

        assertThat(exchange.received()).as("hidden request was answered").doesNotContain(MARKER);
        assertThat(exchange.statuses()).as("responses to %s: %s", name, exchange.describe()).hasSize(1)
                .allSatisfy(status -> assertThat(allowed).contains(status));
        assertThat(exchange.closed()).as("connection closed after the 400").isTrue();
        assertThat(exchange.firstHeadLowerCase()).contains("connection: close");
    }

    @Test
    void aBrokenChunkedBodyToAStaticFileGetsOneAnswerAndAClose() {
        // The static file may answer 405 before the listener reads the bad chunk size; then that answer
        // goes out and the connection closes (RFC 9112 §6.3), and the hidden request is never answered.
        RawExchange exchange = RawExchange.send(lido.port(), "POST /hello.txt HTTP/1.1\r\nHost: localhost\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n0x5\r\nhello\r\n0\r\n\r\n" + HIDDEN);
        assertThat(exchange.received()).doesNotContain(MARKER);
        assertThat(exchange.statuses()).as(exchange.describe()).hasSize(1)
                .allSatisfy(status -> assertThat(status).isIn(400, 405));
        assertThat(exchange.closed()).isTrue();
    }

    @Test
    void theServerStillServesAfterwards() {
        RawExchange exchange = RawExchange.send(lido.port(),
                "GET /hello.txt HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(exchange.statuses()).containsExactly(200);
        assertThat(exchange.received()).endsWith("hello");
    }
}
