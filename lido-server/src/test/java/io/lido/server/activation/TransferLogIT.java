package io.lido.server.activation;

import io.lido.server.TestApplicationJar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17.3 through the real distribution, read back from the site's W3C log: a large response is logged
 * when its last byte has gone (time-taken covers a client that reads slowly), and one the client cuts is
 * logged with sc-win32-status 64, not {@code 200 0 0} with the few milliseconds it took to queue it. Both
 * hosting models: a static file sent by the host itself (in-process pool, zero-copy) and output streamed by
 * a worker process (out-of-process pool). Before the fix the static file was logged {@code 200 0 0} at once.
 */
class TransferLogIT {
    private static final int BYTES = 64 * 1024 * 1024;
    private static final String STREAM = """
            package test.transfer;

            import io.lido.api.HttpContext;
            import io.lido.api.HttpHandler;

            public final class Stream implements HttpHandler {
                public void processRequest(HttpContext context) throws Exception {
                    context.response().contentLength(%d);
                    byte[] piece = new byte[64 * 1024];
                    java.io.OutputStream out = context.response().outputStream();
                    for (int sent = 0; sent < %d; sent += piece.length) {
                        out.write(piece);
                    }
                }
            }
            """.formatted(BYTES, BYTES);

    @TempDir
    static Path dir;
    private static HostProcess host;

    @BeforeAll
    static void start() throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        sparse(root.resolve("big.txt"));
        Path worker = Files.createDirectories(dir.resolve("worker/bin"));
        Files.write(worker.resolve("stream.jar"), TestApplicationJar.builder().source("test.transfer.Stream", STREAM)
                .build());
        Files.writeString(dir.resolve("worker/web.config"), """
                <configuration>
                  <system.webServer>
                    <handlers><add name="Stream" path="stream" verb="GET" type="test.transfer.Stream" /></handlers>
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
                      <site name="Transfers" id="4">
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
                </configuration>
                """);
        Files.writeString(root.resolve("small.txt"), "small");
        Files.writeString(dir.resolve("worker/small.txt"), "small");
        host = HostProcess.start(config, Map.of());
        // Both applications started (the worker too), so an exchange below starts when its request arrives.
        for (String path : List.of("/small.txt", "/worker/small.txt")) {
            try {
                assertThat(host.get(path).statusCode()).isEqualTo(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (host != null) {
            host.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/big.txt", "/worker/stream"})
    void aSlowReaderIsLoggedWhenTheLastByteHasGone(String path) throws Exception {
        String query = "slow=" + System.nanoTime();
        try (Socket socket = connect()) {
            request(socket, path + "?" + query);
            Thread.sleep(2500);
            assertThat(logLine(path, query, Duration.ZERO)).as("not logged while the client has not read").isNull();
            long read = socket.getInputStream().transferTo(OutputStream.nullOutputStream());
            assertThat(read).isGreaterThan(BYTES);
        }
        String[] line = logLine(path, query, Duration.ofSeconds(15)).split(" ");
        int n = line.length;
        assertThat(line[n - 4]).isEqualTo("200");
        assertThat(line[n - 2]).as("sc-win32-status").isEqualTo("0");
        // the client read nothing for 2.5 s after sending; its request may have reached the host a little later
        assertThat(Long.parseLong(line[n - 1])).as("time-taken (ms) runs to the last byte").isGreaterThanOrEqualTo(2000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/big.txt", "/worker/stream"})
    void aClientThatCutsTheTransferIsLoggedWithWin32Status64(String path) throws Exception {
        String query = "cut=" + System.nanoTime();
        try (Socket socket = connect()) {
            request(socket, path + "?" + query);
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            long read = 0;
            while (read < 1024 * 1024) {
                read += in.read(buffer);
            }
            Thread.sleep(500);
            socket.setSoLinger(true, 0); // a reset, as a download cancelled in a browser
        }
        String[] line = logLine(path, query, Duration.ofSeconds(15)).split(" ");
        int n = line.length;
        assertThat(line[n - 4]).isEqualTo("200");
        assertThat(line[n - 2]).as("sc-win32-status: ERROR_NETNAME_DELETED, as IIS logs it").isEqualTo("64");
        assertThat(Long.parseLong(line[n - 1])).as("time-taken (ms) runs to the cut").isGreaterThanOrEqualTo(500);
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(64 * 1024);
        socket.connect(new InetSocketAddress("127.0.0.1", host.port()), 5000);
        socket.setSoTimeout(60_000);
        return socket;
    }

    private static void request(Socket socket, String target) throws IOException {
        socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    }

    /** The W3C log line of the request with this path and query, waiting up to {@code timeout}; null if none. */
    private static String logLine(String path, String query, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            Path folder = dir.resolve("logs/W3SVC4");
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path file : files.sorted().toList()) {
                        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                        for (String line : lines) {
                            if (line.contains(" " + path + " " + query + " ")) {
                                return line;
                            }
                        }
                    }
                }
            }
            if (!timeout.isZero()) {
                HostProcess.sleep(200);
            }
        } while (System.nanoTime() < deadline);
        return null;
    }

    private static void sparse(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(BYTES);
        }
    }
}
