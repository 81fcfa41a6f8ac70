package io.lido.server.it;

import io.lido.server.LidoTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9 part 6 (the idle timer): a large static file read slowly but steadily, far above the minimum send rate,
 * over several of the site's connection timeouts, arrives whole. Before, the response ended for the runtime as soon as the file was handed to the socket, the idle
 * timer started, and cut the transfer one connectionTimeout later.
 */
class SlowReaderSocketTest {
    private static final int SIZE = 8 * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void aSlowSteadyReaderOfALargeStaticFileReceivesEveryByte() throws Exception {
        byte[] content = new byte[SIZE];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) ('a' + i % 26);
        }
        String config = SiteConfigs.applicationHost(SiteConfigs.site("Slow", 1, "",
                "<limits connectionTimeout=\"00:00:05\" />", ""));
        try (LidoTestServer lido = LidoTestServer.in(dir).serverConfig(config).site("Slow").file("wwwroot/large.bin", content)
                .webFile("hello.txt", "hello")
                .webConfig("""
                        <configuration><system.webServer><staticContent>
                          <mimeMap fileExtension=".bin" mimeType="application/octet-stream" />
                        </staticContent></system.webServer></configuration>
                        """).start();
             Socket socket = new Socket()) {
            socket.setReceiveBufferSize(8192); // no megabytes read ahead by the kernel for the test
            socket.connect(new InetSocketAddress("127.0.0.1", lido.port()));
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            long start = System.nanoTime();
            out.write("GET /large.bin HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String head = readHead(in);
            assertThat(head).startsWith("HTTP/1.1 200").contains("Content-Length: " + SIZE);
            ByteArrayOutputStream body = new ByteArrayOutputStream(SIZE);
            byte[] buffer = new byte[16384];
            while (body.size() < SIZE) {
                int n = in.read(buffer, 0, Math.min(buffer.length, SIZE - body.size()));
                assertThat(n).as("bytes after %d of %d", body.size(), SIZE).isPositive();
                body.write(buffer, 0, n);
                Thread.sleep(25); // about 600 KB/s: thousands of times 240 B/s, and several connectionTimeouts long
            }
            assertThat(System.nanoTime() - start).isGreaterThan(6_000_000_000L);
            assertThat(Arrays.equals(body.toByteArray(), content)).as("every byte, in order").isTrue();

            // Not asserted: that the connection then serves another request. The idle time starts when the listener
            // has handed the last byte to the kernel, whose send buffer (megabytes) this reader drains for longer.
        }
        Path httpErr = dir.resolve("logs/HTTPERR");
        if (Files.isDirectory(httpErr)) {
            // the transfer was never cut (an idle close after the kernel took the last byte may follow: see above)
            assertThat(LogFiles.entries(httpErr)).noneMatch(line -> line.contains("Timer_MinBytesPerSecond"));
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("a response head, got: %s", head).isNotNegative();
            head.append((char) b);
        }
        return head.toString();
    }
}
