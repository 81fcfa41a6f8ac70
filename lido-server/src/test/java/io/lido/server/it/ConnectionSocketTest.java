package io.lido.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lido.server.LidoTestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP/1.1 connection handling over one socket: keep-alive, pipelining, chunked upload, 100-continue, HEAD. */
class ConnectionSocketTest {

    @TempDir
    static Path dir;
    private static LidoTestServer lido;

    @BeforeAll
    static void start() {
        lido = EchoApplication.deploy(LidoTestServer.in(dir))
                .webFile("a.txt", "first")
                .webFile("b.txt", "second")
                .webFile("c.txt", "third")
                .start();
    }

    @AfterAll
    static void stop() {
        lido.close();
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
    }

    @Test
    void keepAliveServesSeveralRequestsOnOneConnection() throws IOException {
        try (Socket socket = lido.connect()) {
            ResponseReader reader = new ResponseReader(socket.getInputStream());
            for (String file : List.of("a", "b", "c", "a")) {
                send(socket, get("/" + file + ".txt"));
                ResponseReader.Response response = reader.next(false);
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.header("connection")).isNotEqualToIgnoringCase("close");
            }
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws IOException {
        try (Socket socket = lido.connect()) {
            send(socket, get("/c.txt") + get("/a.txt") + get("/missing.txt") + get("/b.txt")
                    + "GET /a.txt HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            ResponseReader reader = new ResponseReader(socket.getInputStream());
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ResponseReader.Response r = reader.next(false);
                answers.add(r.status() + " " + (r.status() == 200 ? r.body() : ""));
            }
            assertThat(answers).containsExactly("200 third", "200 first", "404 ", "200 second", "200 first");
            assertThat(socket.getInputStream().read()).as("closed after Connection: close").isEqualTo(-1);
        }
    }

    @Test
    void aChunkedUploadReachesTheHandlerWholeAndTheConnectionStaysUsable() throws IOException {
        try (Socket socket = lido.connect()) {
            send(socket, "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n1;ext=1\r\n \r\nB\r\nchunked wor\r\n2\r\nld\r\n0\r\nX-Trailer: t\r\n\r\n"
                    + get("/a.txt"));
            ResponseReader reader = new ResponseReader(socket.getInputStream());
            ResponseReader.Response echo = reader.next(false);
            assertThat(echo.status()).isEqualTo(200);
            assertThat(echo.body()).isEqualTo("received 19: hello chunked world");
            assertThat(reader.next(false).body()).isEqualTo("first");
        }
    }

    @Test
    void expect100ContinueGetsTheInterimResponseBeforeTheBodyIsSent() throws IOException {
        try (Socket socket = lido.connect()) {
            send(socket, "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
            ResponseReader reader = new ResponseReader(socket.getInputStream());
            ResponseReader.Response interim = reader.next(false);
            assertThat(interim.status()).isEqualTo(100);
            send(socket, "ping");
            ResponseReader.Response response = reader.next(false);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("received 4: ping");
        }
    }

    @Test
    void headAnswersTheHeadersOfGetWithoutABody() throws IOException {
        try (Socket socket = lido.connect()) {
            send(socket, "HEAD /b.txt HTTP/1.1\r\nHost: localhost\r\n\r\n" + get("/a.txt"));
            ResponseReader reader = new ResponseReader(socket.getInputStream());
            ResponseReader.Response head = reader.next(true);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("content-length")).isEqualTo("6");
            // Had HEAD sent a body, its bytes would be read here as the next status line.
            ResponseReader.Response next = reader.next(false);
            assertThat(next.status()).isEqualTo(200);
            assertThat(next.body()).isEqualTo("first");
        }
    }

    @Test
    void http10ClosesAfterTheResponseUnlessKeepAliveIsAsked() {
        RawExchange exchange = RawExchange.send(lido.port(), "GET /a.txt HTTP/1.0\r\n\r\n" + get("/b.txt"));
        assertThat(exchange.statuses()).containsExactly(200);
        assertThat(exchange.closed()).isTrue();
        assertThat(exchange.received()).endsWith("first");
    }

    @Test
    void absoluteFormTargetsAreServed() {
        RawExchange exchange = RawExchange.send(lido.port(),
                "GET http://localhost/a.txt HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(exchange.statuses()).containsExactly(200);
        assertThat(exchange.received()).endsWith("first");
    }
}
