package io.lido.listener;

import io.lido.config.ServerConfig;
import io.lido.ipc.RequestDispatcher;
import io.lido.listener.connection.BufferBudget;
import io.lido.listener.log.AccessRecord;
import io.lido.listener.log.ListenerError;
import io.lido.listener.testing.Eventually;
import io.lido.listener.testing.HostConfig;
import io.lido.listener.testing.RawHttp;
import io.lido.listener.testing.RecordingLogs;
import io.lido.listener.testing.ScriptedDispatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Back-pressure and the truth of the access log through real sockets: a client that pipelines without
 * reading is not read from once its answers cannot be sent, and large transfers are logged when their last
 * byte has gone, or with the bytes really sent when the client cut them.
 */
class BackpressureSocketTest {
    private static final int FILE_BYTES = 64 * 1024 * 1024;

    @TempDir
    Path dir;
    private final ScriptedDispatcher scripted = new ScriptedDispatcher();
    private final AtomicInteger dispatched = new AtomicInteger();
    private final RecordingLogs logs = new RecordingLogs();
    private HttpListener listener;

    private int start() {
        ServerConfig config = HostConfig.load(dir, HostConfig.site("S", 7, dir, "127.0.0.1:0:", ""), "");
        RequestDispatcher counting = (head, body, response) -> {
            dispatched.incrementAndGet();
            scripted.dispatch(head, body, response);
        };
        listener = new HttpListener(config, (site, app) -> counting, logs, logs, ListenerOptions.DEFAULTS);
        listener.start();
        return listener.port("S");
    }

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
    }

    /** 8 KB answers: each goes out in one write at its end (or as one file), so only the listener can hold them back. */
    @ParameterizedTest
    @ValueSource(strings = {"/big?8000", "/file"})
    void pipelinedRequestsAreNotTakenWhileTheClientReadsNoAnswer(String target) throws Exception {
        scripted.file = Files.write(dir.resolve("8k.bin"), new byte[8000]);
        int port = start();
        int requests = 5000;
        byte[] one = ("GET " + target + " HTTP/1.1\r\nHost: a\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[one.length * requests];
        for (int i = 0; i < requests; i++) {
            System.arraycopy(one, 0, all, i * one.length, one.length);
        }
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(16 * 1024);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    socket.getOutputStream().write(all);
                    socket.getOutputStream().write("GET /big?1 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            // Let the listener take what it will: the kernel's socket buffers hold a few MB of answers.
            int seen;
            do {
                seen = dispatched.get();
                Thread.sleep(1000);
            } while (dispatched.get() != seen);
            assertThat(seen).as("requests dispatched while the client read nothing").isLessThan(requests / 2);

            InputStream in = socket.getInputStream();
            socket.setSoTimeout(30_000);
            int answers = countStatusLines(in);
            assertThat(answers).as("every pipelined request answered once the client reads").isEqualTo(requests + 1);
            writer.join(Duration.ofSeconds(10));
        }
        assertThat(dispatched.get()).isEqualTo(requests + 1);
    }

    @Test
    void pastTheBufferBudgetNewConnectionsGet503UntilTheStalledOnesGo() throws Exception {
        System.setProperty(BufferBudget.PROPERTY, Long.toString(BufferBudget.STALLED_CONNECTION_BYTES));
        int port;
        try {
            port = start();
        } finally {
            System.clearProperty(BufferBudget.PROPERTY);
        }
        byte[] one = "GET /big?8000 HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] many = new byte[one.length * 5000];
        for (int i = 0; i < 5000; i++) {
            System.arraycopy(one, 0, many, i * one.length, one.length);
        }
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(16 * 1024);
            stalled.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            Thread.ofVirtual().start(() -> {
                try {
                    stalled.getOutputStream().write(many);
                } catch (IOException e) {
                    // closed by the test while blocked
                }
            });
            int seen;
            do {
                seen = dispatched.get();
                Thread.sleep(1000);
            } while (dispatched.get() != seen);

            try (RawHttp refused = new RawHttp(port)) {
                RawHttp.Response r = refused.read();
                assertThat(r.status()).isEqualTo(503);
                assertThat(r.header("Connection")).isEqualTo("close");
            }
            assertThat(logs.errors).extracting(ListenerError::reason)
                    .contains("Connection_Refused");
            stalled.setSoLinger(true, 0);
        }
        Eventually.await(Duration.ofSeconds(10), () -> {
            try (RawHttp again = new RawHttp(port)) {
                return again.send("GET /echo HTTP/1.1\r\nHost: a\r\n\r\n").read().status() == 200;
            }
        });
    }

    /** Reads to the end of the stream, counting response status lines (the bodies are all 'x'). */
    private static int countStatusLines(InputStream in) throws IOException {
        byte[] marker = "HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] buffer = new byte[64 * 1024];
        int matched = 0;
        int count = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            for (int i = 0; i < n; i++) {
                if (buffer[i] == marker[matched]) {
                    if (++matched == marker.length) {
                        count++;
                        matched = 0;
                    }
                } else {
                    matched = buffer[i] == marker[0] ? 1 : 0;
                }
            }
        }
        return count;
    }

    @Test
    void aFileTheClientReadsSlowlyIsLoggedWhenItsLastByteHasGone() throws Exception {
        scripted.file = bigFile();
        int port = start();
        try (RawHttp warm = new RawHttp(port)) {
            // the first exchange of a fresh listener loads classes: its start would come late
            assertThat(warm.send("GET /echo HTTP/1.1\r\nHost: a\r\n\r\n").read().status()).isEqualTo(200);
        }
        Eventually.await(Duration.ofSeconds(10), () -> logs.access.size() == 1);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write("GET /file HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            Thread.sleep(2000);
            assertThat(logs.access).as("not logged while most of the file waits for the client").hasSize(1);
            long received = socket.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            assertThat(received).isGreaterThan(FILE_BYTES - 4);
        }
        Eventually.await(Duration.ofSeconds(10), () -> logs.access.size() == 2);
        AccessRecord record = logs.access.get(1);
        assertThat(record.status()).isEqualTo(200);
        assertThat(record.win32Status()).isZero();
        assertThat(record.timeTakenMs()).as("time-taken runs to the last byte").isGreaterThanOrEqualTo(1500);
        assertThat(record.bytesSent()).isGreaterThan(FILE_BYTES - 4);
    }

    @Test
    void aClientThatCutsAFileMidTransferIsLoggedWithTheBytesReallySent() throws Exception {
        scripted.file = bigFile();
        int port = start();
        long read = 0;
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(64 * 1024);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.getOutputStream().write("GET /file HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] buffer = new byte[64 * 1024];
            InputStream in = socket.getInputStream();
            while (read < 1024 * 1024) {
                read += in.read(buffer);
            }
            socket.setSoLinger(true, 0); // a reset, as a browser tab closed mid-download
        }
        Eventually.await(Duration.ofSeconds(10), () -> !logs.access.isEmpty());
        AccessRecord record = logs.access.getFirst();
        assertThat(record.status()).isEqualTo(200);
        assertThat(record.win32Status()).as("ERROR_NETNAME_DELETED, as IIS").isEqualTo(64);
        // what the client read, plus what the kernel's socket buffers held: far from the whole file
        assertThat(record.bytesSent()).isBetween(read, FILE_BYTES / 4L);
    }

    private Path bigFile() throws IOException {
        Path file = dir.resolve("big.bin");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(FILE_BYTES); // sparse: nothing written, the file reads as zeros
        }
        return file;
    }
}
