package io.lido.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lido.server.LidoTestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Path traversal against a canary file beside the site's root (issue 2 part 7: never a byte of a file
 * outside the virtual directory's physical path, whatever the encoding). Each target is sent raw, so no
 * client normalises it first. Any status but a 5xx is acceptable as long as the canary never shows.
 */
class TraversalSocketTest {
    private static final String CANARY = "LIDO-CANARY-1f9a3c";

    @TempDir
    static Path dir;
    private static LidoTestServer lido;

    @BeforeAll
    static void start() throws IOException {
        lido = LidoTestServer.in(dir)
                .file("canary.txt", CANARY)
                .file("outside/canary.txt", CANARY)
                .webFile("hello.txt", "hello")
                .webFile("sub/inner.txt", "inner")
                .start();
        // Symbolic links inside the root that point out of it: a file and a folder.
        Files.createSymbolicLink(lido.wwwroot().resolve("linked.txt"), dir.resolve("canary.txt"));
        Files.createSymbolicLink(lido.wwwroot().resolve("linkdir"), dir.resolve("outside"));
    }

    @AfterAll
    static void stop() {
        lido.close();
    }

    static Stream<String> targets() {
        return Stream.of(
                "/../canary.txt",
                "/sub/../../canary.txt",
                "/%2e%2e/canary.txt",
                "/%2E%2E/canary.txt",
                "/.%2e/canary.txt",
                "/%2e./canary.txt",
                "/sub/%2e%2e/%2e%2e/canary.txt",
                "/..%2fcanary.txt",
                "/%2e%2e%2fcanary.txt",
                "/sub%2f..%2f..%2fcanary.txt",
                "/..%5ccanary.txt",
                "/%2e%2e%5ccanary.txt",
                "/..\\canary.txt",
                "/sub\\..\\..\\canary.txt",
                "/%c0%ae%c0%ae/canary.txt",
                "/%c0%ae%c0%ae%c0%afcanary.txt",
                "/..%c0%afcanary.txt",
                "/..%c1%9ccanary.txt",
                "/%e0%80%ae%e0%80%ae/canary.txt",
                "/%252e%252e/canary.txt",
                "/%252e%252e%252fcanary.txt",
                "/..%252fcanary.txt",
                "/%u002e%u002e/canary.txt",
                "/..%00/canary.txt",
                "/..;/canary.txt",
                "/....//canary.txt",
                "/.../canary.txt",
                "/../../../../../../../../etc/passwd",
                "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                "/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
                "/linked.txt",
                "/linkdir/canary.txt",
                "http://localhost/../canary.txt");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void neverServesAFileOutsideTheRoot(String target) {
        RawExchange exchange = RawExchange.send(lido.port(),
                "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(exchange.received()).doesNotContain(CANARY).doesNotContain("root:x:0:0:");
        assertThat(exchange.statuses()).as("one answer, never 200 or 5xx").hasSize(1)
                .allSatisfy(status -> assertThat(status).isBetween(400, 499));
    }

    @Test
    void filesInsideTheRootAreServed() {
        RawExchange exchange = RawExchange.send(lido.port(),
                "GET /sub/inner.txt HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(exchange.statuses()).containsExactly(200);
        assertThat(exchange.received()).endsWith("inner");
    }

    @Test
    void dotSegmentsThatStayInsideTheRootAreResolved() {
        RawExchange exchange = RawExchange.send(lido.port(),
                "GET /sub/../hello.txt HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(exchange.statuses()).containsExactly(200);
        assertThat(exchange.received()).endsWith("hello");
    }
}
