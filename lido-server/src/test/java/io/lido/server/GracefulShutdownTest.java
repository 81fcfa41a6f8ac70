package io.lido.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Stopping lets the request in flight finish while new connections are refused, and a request that
 * outlives the drain limit does not hold the stop up.
 */
class GracefulShutdownTest {

    /** Sleeps for ?ms= milliseconds, then answers "done". */
    private static final String SLOW_HANDLER = """
            package test.app;

            import io.lido.api.HttpContext;
            import io.lido.api.HttpHandler;

            public final class SlowHandler implements HttpHandler {
                @Override
                public void processRequest(HttpContext context) throws Exception {
                    Thread.sleep(Long.parseLong(context.request().query("ms")));
                    context.response().contentType("text/plain");
                    context.response().write("done");
                }
            }
            """;

    private static final String WEB_CONFIG = """
            <configuration>
              <system.webServer>
                <handlers>
                  <add name="Slow" path="slow" verb="GET" type="test.app.SlowHandler" />
                </handlers>
              </system.webServer>
            </configuration>
            """;

    @TempDir
    Path dir;

    /** Compiled once for the class: javac is the slow part of these tests. */
    private static byte[] slowJar;

    private LidoTestServer startWithSlowHandler() {
        if (slowJar == null) {
            slowJar = TestApplicationJar.builder().source("test.app.SlowHandler", SLOW_HANDLER).build();
        }
        return LidoTestServer.in(dir).file("wwwroot/bin/slow.jar", slowJar).webConfig(WEB_CONFIG).start();
    }

    @Test
    void inFlightRequestCompletesWhileNewConnectionsAreRefused() throws Exception {
        LidoTestServer lido = startWithSlowHandler();
        int port = lido.port();
        try (Socket inFlight = lido.connect()) {
            send(inFlight, "GET /slow?ms=3000 HTTP/1.1\r\nHost: localhost\r\n\r\n");
            awaitInFlight(lido);

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> lido.stop(Duration.ofSeconds(10)));
            awaitRefused(port);
            assertThat(stopping).isNotDone();

            String response = LidoTestServer.readUntilClosedOrQuiet(inFlight.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 200").endsWith("done");
            stopping.get(10, TimeUnit.SECONDS);
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void stopDoesNotWaitLongerThanTheDrainTimeout() throws Exception {
        LidoTestServer lido = startWithSlowHandler();
        try (Socket inFlight = lido.connect()) {
            send(inFlight, "GET /slow?ms=20000 HTTP/1.1\r\nHost: localhost\r\n\r\n");
            awaitInFlight(lido);

            long started = System.nanoTime();
            lido.stop(Duration.ofMillis(500));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(took).isLessThan(Duration.ofSeconds(3));
            // The connection of the request that outlived the limit was closed without a response.
            assertThat(LidoTestServer.readUntilClosedOrQuiet(inFlight.getInputStream())).doesNotContain("done");
        }
    }

    @Test
    void idleKeepAliveConnectionsDoNotHoldTheStopUp() throws Exception {
        LidoTestServer lido = LidoTestServer.in(dir).webFile("a.txt", "a").start();
        try (Socket idle = lido.connect()) {
            send(idle, "GET /a.txt HTTP/1.1\r\nHost: localhost\r\n\r\n");
            idle.setSoTimeout(1000);
            assertThat(LidoTestServer.readUntilClosedOrQuiet(idle.getInputStream())).startsWith("HTTP/1.1 200");

            long started = System.nanoTime();
            lido.stop(Duration.ofSeconds(10));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(took).isLessThan(Duration.ofSeconds(3));
            idle.setSoTimeout(5000);
            assertThat(idle.getInputStream().read()).as("the idle connection was closed").isEqualTo(-1);
        }
    }

    private static void send(Socket socket, String request) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static void awaitInFlight(LidoTestServer lido) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (lido.server().inFlight() == 0) {
            assertThat(System.nanoTime()).as("request reached the application").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static void awaitRefused(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
            } catch (IOException refused) {
                return;
            }
            assertThat(System.nanoTime()).as("new connections refused while stopping").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
