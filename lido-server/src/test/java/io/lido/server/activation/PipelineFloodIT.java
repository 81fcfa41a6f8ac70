package io.lido.server.activation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17's attack through the real distribution: 50 connections each pipelining {@code GET /hello.txt}
 * as fast as the host reads them and never reading an answer. The host stops reading a connection whose
 * answers cannot be sent, so its resident memory stays within the bound README.md documents (600 MB with
 * the default heap) while a normal client is still served. Without back-pressure the host buffered every
 * answer and grew by gigabytes.
 */
class PipelineFloodIT {
    private static final int CONNECTIONS = 50;
    private static final Duration ATTACK = Duration.ofSeconds(18);
    private static final long RSS_BOUND_KB = 600 * 1024;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"outOfProcess", "inProcess"})
    void pipeliningWithoutReadingKeepsTheHostWithinItsMemoryBound(String hostingModel) throws Exception {
        try (HostProcess host = HostProcess.start(writeSite(hostingModel), Map.of())) {
            assertThat(host.get("/hello.txt").statusCode()).isEqualTo(200);
            long before = residentKb(host.pid());

            List<Socket> attackers = new ArrayList<>();
            AtomicLong sent = new AtomicLong();
            long end = System.nanoTime() + ATTACK.toNanos();
            List<Thread> writers = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", host.port()), 5000);
                // a reset on close: the host frees the connection at once instead of draining it
                socket.setSoLinger(true, 0);
                attackers.add(socket);
                writers.add(Thread.ofVirtual().start(() -> flood(socket, end, sent)));
            }

            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            long maxRss = before;
            int served = 0;
            while (System.nanoTime() < end) {
                maxRss = Math.max(maxRss, residentKb(host.pid()));
                long start = System.nanoTime();
                try {
                    HttpResponse<String> response = host.get("/hello.txt", Duration.ofSeconds(10));
                    if (response.statusCode() == 200) {
                        served++;
                    } else {
                        failures.add("status " + response.statusCode());
                    }
                } catch (IOException e) {
                    failures.add(e.toString() + " after " + (System.nanoTime() - start) / 1_000_000 + " ms");
                }
                HostProcess.sleep(250);
            }
            maxRss = Math.max(maxRss, residentKb(host.pid()));
            for (Socket socket : attackers) {
                socket.close();
            }
            for (Thread writer : writers) {
                writer.join(Duration.ofSeconds(10));
            }

            System.out.printf("PipelineFloodIT %s: host VmRSS %d kB before, at most %d kB during the attack; %d requests"
                    + " pipelined, %d normal requests served%n", hostingModel, before, maxRss, sent.get(), served);
            assertThat(sent.get()).as("the attack pipelined requests at all").isGreaterThan(CONNECTIONS);
            assertThat(maxRss).as("host VmRSS (kB) during the attack (%d kB before it, %d requests pipelined)",
                    before, sent.get()).isLessThan(RSS_BOUND_KB);
            assertThat(failures).as("the normal client's failures during the attack").isEmpty();
            assertThat(served).as("requests of the normal client served").isGreaterThan(5);
            assertThat(host.get("/hello.txt").statusCode()).isEqualTo(200);
        }
    }

    /** Writes pipelined requests until the deadline or until the socket is closed under it. */
    private static void flood(Socket socket, long end, AtomicLong sent) {
        byte[] one = "GET /hello.txt HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        int batch = 100;
        byte[] block = new byte[one.length * batch];
        for (int i = 0; i < batch; i++) {
            System.arraycopy(one, 0, block, i * one.length, one.length);
        }
        try {
            OutputStream out = socket.getOutputStream();
            while (System.nanoTime() < end) {
                out.write(block);
                sent.addAndGet(batch);
            }
        } catch (IOException e) {
            // closed at the end of the attack while blocked in a write: the host stopped reading
        }
    }

    private static long residentKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").strip());
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read the host's /proc status", e);
        }
        throw new AssertionError("no VmRSS in /proc/" + pid + "/status");
    }

    /** The distribution's own site (wwwroot with hello.txt and the sample) on an ephemeral port. */
    private Path writeSite(String hostingModel) throws IOException {
        Path dist = HostProcess.dist().toAbsolutePath();
        Path config = dir.resolve("conf/applicationHost.config");
        Files.createDirectories(config.getParent());
        Files.writeString(config, """
                <configuration>
                  <system.applicationHost>
                    <applicationPools>
                      <add name="DefaultAppPool" hostingModel="%s" />
                    </applicationPools>
                    <sites>
                      <site name="Default Web Site" id="1">
                        <application path="/" applicationPool="DefaultAppPool">
                          <virtualDirectory path="/" physicalPath="%s" />
                        </application>
                        <bindings><binding protocol="http" bindingInformation="127.0.0.1:0:" /></bindings>
                        <logFile directory="../logs" />
                      </site>
                    </sites>
                  </system.applicationHost>
                </configuration>
                """.formatted(hostingModel, dist.resolve("wwwroot")));
        return config;
    }
}
