package io.lido.server.activation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.lido.server.activation.HostProcess.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9 part 5's attack, bounded: hundreds of connections each trickling a POST body, one byte a second, to an
 * out-of-process pool whose worker has fewer request slots than there are tricklers and a short queue. Before
 * the listener read bodies ahead, every trickler took a slot for as long as it trickled, the rest filled the
 * queue, and a normal client of the pool got 503 (QueueFull) or timed out. Now a body that has not arrived holds
 * no slot, the minimum receive rate ends each trickler within the site's connectionTimeout (they reconnect, as
 * an attacker would), and the normal client is served throughout.
 */
class TricklingBodiesIT {
    private static final int TRICKLERS = 300;

    @TempDir
    Path dir;

    @Test
    void aNormalClientStaysServedWhileHundredsOfConnectionsTrickleRequestBodies() throws Exception {
        WorkerTestSite site = new WorkerTestSite();
        site.appPoolAttributes = "queueLength=\"10\" maxConcurrentRequests=\"50\"";
        site.siteExtra = "<limits connectionTimeout=\"00:00:05\" />";
        try (HostProcess host = HostProcess.start(site.write(dir), Map.of())) {
            assertThat(host.get("/ok").statusCode()).as("the worker is up").isEqualTo(200);
            AtomicBoolean attacking = new AtomicBoolean(true);
            AtomicInteger connections = new AtomicInteger();
            List<Thread> tricklers = new ArrayList<>();
            for (int i = 0; i < TRICKLERS; i++) {
                tricklers.add(Thread.ofVirtual().start(() -> trickle(host.port(), attacking, connections)));
            }
            awaitTrue(() -> connections.get() >= TRICKLERS, Duration.ofSeconds(30), "every trickler connected");
            HostProcess.sleep(2000); // long enough for the tricklers to have taken every slot, had they been able to

            List<String> failures = new ArrayList<>();
            int served = 0;
            long until = System.nanoTime() + Duration.ofSeconds(12).toNanos();
            for (int i = 0; i < 24 || System.nanoTime() < until; i++) {
                try {
                    HttpResponse<String> r = i % 2 == 0 ? host.get("/ok", Duration.ofSeconds(10))
                            : host.client().send(HttpRequest.newBuilder(host.uri("/upload"))
                            .timeout(Duration.ofSeconds(10))
                            .POST(HttpRequest.BodyPublishers.ofString("x".repeat(1000))).build(),
                            HttpResponse.BodyHandlers.ofString());
                    String expected = i % 2 == 0 ? "ok" : "read 1000";
                    if (r.statusCode() == 200 && r.body().equals(expected)) {
                        served++;
                    } else {
                        failures.add(r.statusCode() + " " + r.body());
                    }
                } catch (IOException e) {
                    failures.add(e.toString());
                }
                HostProcess.sleep(250);
            }
            attacking.set(false);
            for (Thread t : tricklers) {
                t.join(Duration.ofSeconds(20));
            }
            assertThat(failures).as("the normal client's failures (%d served)", served).isEmpty();
            assertThat(served).isGreaterThanOrEqualTo(24);
            assertThat(connections.get()).as("the tricklers were cut and came back").isGreaterThan(TRICKLERS);
            awaitTrue(() -> HostProcess.readHttpErr(dir.resolve("logs")).contains("Timer_MinBytesPerSecond"),
                    Duration.ofSeconds(20), "Timer_MinBytesPerSecond in the httperr log");
            assertThat(HostProcess.readHttpErr(dir.resolve("logs"))).doesNotContain("QueueFull");
        }
    }

    /** One attacker: a POST whose body comes one byte a second; cut, it connects again. */
    private static void trickle(int port, AtomicBoolean attacking, AtomicInteger connections) {
        while (attacking.get()) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                connections.incrementAndGet();
                OutputStream out = s.getOutputStream();
                out.write(("POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                while (attacking.get()) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(1000);
                }
            } catch (IOException cut) {
                HostProcess.sleep(100); // the server ended it: come back
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
