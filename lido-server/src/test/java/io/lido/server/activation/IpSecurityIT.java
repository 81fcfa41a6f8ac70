package io.lido.server.activation;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10 part 4 through the real distribution: ipSecurity and dynamicIpSecurity set in applicationHost.config
 * are enforced by the listener for an in-process pool ("/") and an out-of-process pool ("/worker") alike, the
 * W3C log shows IIS 8's sub-statuses, and a web.config that sets the sections meets IIS's default lock (its
 * application answers 500.19 naming the lock).
 */
class IpSecurityIT {
    @TempDir
    static Path dir;
    private static HostProcess host;

    @BeforeAll
    static void start() throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path worker = Files.createDirectories(dir.resolve("worker/locked"));
        Files.writeString(root.resolve("small.txt"), "small");
        Files.writeString(worker.resolve("../small.txt"), "small");
        Files.writeString(worker.resolve("small.txt"), "small");
        Files.writeString(worker.resolve("web.config"), """
                <configuration>
                  <system.webServer>
                    <security><ipSecurity allowUnlisted="true" /></security>
                  </system.webServer>
                </configuration>
                """);
        Path config = dir.resolve("conf/applicationHost.config");
        Files.createDirectories(config.getParent());
        Files.writeString(config, """
                <configuration>
                  <system.applicationHost>
                    <applicationPools>
                      <add name="Host" hostingModel="inProcess" />
                      <add name="Worker" hostingModel="outOfProcess" />
                    </applicationPools>
                    <sites>
                      <site name="Guarded" id="5">
                        <application path="/" applicationPool="Host">
                          <virtualDirectory path="/" physicalPath="../root" />
                        </application>
                        <application path="/worker" applicationPool="Worker">
                          <virtualDirectory path="/" physicalPath="../worker" />
                        </application>
                        <bindings><binding protocol="http" bindingInformation="127.0.0.1:0:" /></bindings>
                        <logFile directory="../logs" />
                      </site>
                    </sites>
                  </system.applicationHost>
                  <system.webServer>
                    <security>
                      <ipSecurity>
                        <add ipAddress="127.0.5.0" subnetMask="255.255.255.0" />
                      </ipSecurity>
                      <dynamicIpSecurity>
                        <denyByRequestRate enabled="true" maxRequests="3" requestIntervalInMilliseconds="600000" />
                      </dynamicIpSecurity>
                    </security>
                  </system.webServer>
                </configuration>
                """);
        host = HostProcess.start(config, Map.of());
    }

    @AfterAll
    static void stop() {
        if (host != null) {
            host.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/small.txt", "/worker/small.txt"})
    void aDeniedNetworkGets403Point503AndOthersAreServed(String path) throws Exception {
        assertThat(get("127.0.4.1", path)).startsWith("HTTP/1.1 200 ");
        String denied = get("127.0.5.9", path);
        assertThat(denied).startsWith("HTTP/1.1 403 ").contains("HTTP Error 403.503");
        assertThat(logLine("127.0.5.9", path)).as("sc-status sc-substatus sc-win32-status").endsWith(" 403 503 0");
    }

    @Test
    void aClientOverTheRateGets403Point502InBothPools() throws Exception {
        String from = "127.0.6.1";
        for (int i = 0; i < 3; i++) {
            assertThat(get(from, i % 2 == 0 ? "/small.txt" : "/worker/small.txt")).startsWith("HTTP/1.1 200 ");
        }
        assertThat(get(from, "/worker/small.txt")).startsWith("HTTP/1.1 403 ").contains("HTTP Error 403.502");
        assertThat(get(from, "/small.txt")).startsWith("HTTP/1.1 403 ");
        assertThat(logLine(from, "/worker/small.txt")).isNotNull();
    }

    @Test
    void aWebConfigThatSetsIpSecurityMeetsTheDefaultLock() throws Exception {
        String answer = get("127.0.0.1", "/worker/locked/small.txt");
        // The listener cannot read the folder's configuration either, so it lets the request through to the
        // worker, which fails it on the same lock: never served. (A broken sub-folder web.config gets 500.0,
        // not 500.19: sending the error page reads the broken configuration again.)
        assertThat(answer).startsWith("HTTP/1.1 500 ").doesNotContain("small");
        String lock = "worker/locked/web.config:3: <ipSecurity> may not be set here: the section "
                + "system.webServer/security/ipSecurity is locked by default";
        HostProcess.awaitTrue(() -> workerLogs().contains(lock), Duration.ofSeconds(15), "the worker's log names the lock");
    }

    /** Everything the workers logged (they write under logs/AppPools/). */
    private static String workerLogs() {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir.resolve("logs/AppPools"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(Files.readString(file, StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            return "";
        }
        return all.toString();
    }

    /** One request from {@code from} (a loopback address), the whole answer as text. */
    private static String get(String from, String path) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", host.port()), 5000);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                in.transferTo(out);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no close after " + out.toString(StandardCharsets.ISO_8859_1), e);
            }
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** The last W3C log line of a request from {@code client} for {@code path}, waiting for the log to be written. */
    private static String logLine(String client, String path) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        do {
            Path folder = dir.resolve("logs/W3SVC5");
            if (Files.isDirectory(folder)) {
                String found = null;
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path file : files.sorted().toList()) {
                        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                        for (String line : lines) {
                            if (line.contains(" " + path + " ") && line.contains(" " + client + " ")) {
                                found = line.substring(0, line.lastIndexOf(' '));
                            }
                        }
                    }
                }
                if (found != null) {
                    return found;
                }
            }
            HostProcess.sleep(200);
        } while (System.nanoTime() < deadline);
        return null;
    }
}
