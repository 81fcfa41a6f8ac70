package io.lido.ipc.link;

import io.lido.ipc.HeaderList;
import io.lido.ipc.RequestBody;
import io.lido.ipc.RequestHead;
import io.lido.ipc.ResponseChannel;
import io.lido.ipc.ResponseHead;
import io.lido.ipc.frame.ControlCodec;
import io.lido.ipc.frame.FrameType;
import io.lido.ipc.frame.Frames;
import io.lido.ipc.frame.HeadCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The host link against a hand-driven "worker" that can send anything, including garbage. */
class FakeWorkerTest {
    @TempDir
    Path dir;
    private WorkerEndpoint endpoint;
    private SocketChannel worker;

    @AfterEach
    void close() throws IOException {
        if (worker != null) {
            worker.close();
        }
        endpoint.close();
    }

    private WorkerLink connect() throws Exception {
        endpoint = WorkerEndpoint.listen(dir.resolve("fake.sock"));
        worker = SocketChannel.open(StandardProtocolFamily.UNIX);
        worker.connect(UnixDomainSocketAddress.of(endpoint.socketPath()));
        ByteBuf out = Unpooled.buffer();
        ControlCodec.writeHello(out, 4242);
        Frames.empty(out, FrameType.READY, 0);
        send(out);
        WorkerLink link = endpoint.ready().get(5, TimeUnit.SECONDS);
        assertThat(Files.exists(endpoint.socketPath())).as("the socket file goes once the worker is in").isFalse();
        return link;
    }

    private void send(ByteBuf out) throws IOException {
        ByteBuffer bytes = out.nioBuffer();
        while (bytes.hasRemaining()) {
            worker.write(bytes);
        }
        out.release();
    }

    private static RequestHead get(String path) {
        return new RequestHead(1, "GET", path, path, "", 1, new HeaderList().add("Host", "x"), "127.0.0.1", 1,
                "127.0.0.1", 2, false, 1, "Site", "/", 0);
    }

    private static final class Events implements ExchangeEvents {
        final CompletableFuture<String> failure = new CompletableFuture<>();
        volatile boolean started;

        @Override
        public void responseStarted() {
            started = true;
        }

        @Override
        public void completed() {
            failure.complete("completed");
        }

        @Override
        public void failed(String reason, boolean responseStarted) {
            failure.complete((responseStarted ? "after start: " : "before start: ") + reason);
        }
    }

    private static final class Untouched implements ResponseChannel {
        volatile int calls;

        @Override
        public void sendHead(ResponseHead head) {
            calls++;
        }

        @Override
        public void sendBody(byte[] data, int offset, int length) {
            calls++;
        }

        @Override
        public void sendFile(Path file, long offset, long length) {
            calls++;
        }

        @Override
        public void end() {
            calls++;
        }

        @Override
        public void abort(String reason) {
            calls += 100;
        }

        @Override
        public boolean isClientConnected() {
            return true;
        }
    }

    @Test
    void anUnknownFrameTypeClosesTheConnectionAndFailsItsExchanges() throws Exception {
        WorkerLink link = connect();
        assertThat(link.pid()).isEqualTo(4242);
        CompletableFuture<String> closed = new CompletableFuture<>();
        link.onClose(closed::complete);
        Events events = new Events();
        Untouched response = new Untouched();
        link.dispatch(get("/a"), RequestBody.EMPTY, response, events);
        send(Unpooled.buffer().writeInt(5).writeByte(99).writeInt(1));
        assertThat(events.failure.get(5, TimeUnit.SECONDS))
                .isEqualTo("before start: protocol error from worker pid 4242: unknown frame type 99");
        assertThat(closed.get(5, TimeUnit.SECONDS)).contains("unknown frame type 99");
        assertThat(response.calls).as("the link leaves the response to the caller").isZero();
        assertThat(link.isOpen()).isFalse();
        assertThat(link.inFlight()).isZero();
        Events late = new Events();
        link.dispatch(get("/b"), RequestBody.EMPTY, response, late);
        assertThat(late.failure.get(1, TimeUnit.SECONDS)).startsWith("before start: connection to worker pid 4242 is closed");
        assertThatThrownBy(() -> link.ping().get(1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
    }

    @Test
    void anOversizedFrameAfterTheHeadFailsWithResponseStarted() throws Exception {
        WorkerLink link = connect();
        Events events = new Events();
        RecordingHead response = new RecordingHead();
        link.dispatch(get("/a"), RequestBody.EMPTY, response, events);
        ByteBuf out = Unpooled.buffer();
        HeadCodec.writeResponseHead(out, 1, new ResponseHead(200, 0, null, new HeaderList(), null));
        send(out);
        response.head.get(5, TimeUnit.SECONDS);
        send(Unpooled.buffer().writeInt(Integer.MAX_VALUE).writeByte(FrameType.RESPONSE_BODY.code()).writeInt(1));
        assertThat(events.failure.get(5, TimeUnit.SECONDS)).startsWith("after start: protocol error")
                .contains("out of range");
        assertThat(events.started).isTrue();
    }

    /** A worker of another user must not make the host (root) open files for it. */
    @Test
    void aWorkerOfAnotherUserCannotAskTheHostToSendAFile() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root to run a worker as nobody");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")) && Files.isExecutable(Path.of("/usr/bin/python3")),
                "needs setpriv and python3");
        endpoint = WorkerEndpoint.listen(dir.resolve("other.sock"));
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(endpoint.socketPath(),
                java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        String script = String.join("\n",
                "import socket, struct, sys, os",
                "s = socket.socket(socket.AF_UNIX)",
                "s.connect(sys.argv[1])",
                "s.sendall(struct.pack('>IBIiq', 17, 1, 0, 1, os.getpid()) + struct.pack('>IBI', 5, 2, 0))",
                "s.recv(1)",
                "path = b'/etc/shadow'",
                "payload = struct.pack('>qqi', 0, 10, len(path)) + path",
                "s.sendall(struct.pack('>IBI', 5 + len(payload), 8, 1) + payload)",
                "s.recv(100000)");
        Process other = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "/usr/bin/python3", "-c", script, endpoint.socketPath().toString())
                // Its output (a traceback when the host closes the link) to a file, not the build's console; not
                // into dir, which anyone may write to by now.
                .redirectErrorStream(true).redirectOutput(Path.of("target", "fake-worker-other-user.log").toFile())
                .start();
        try {
            WorkerLink link = endpoint.ready().get(10, TimeUnit.SECONDS);
            Events events = new Events();
            Untouched response = new Untouched();
            link.dispatch(get("/secret"), RequestBody.EMPTY, response, events);
            assertThat(events.failure.get(10, TimeUnit.SECONDS)).startsWith("before start: protocol error")
                    .contains("RESPONSE_FILE from a worker that runs as another user");
            assertThat(response.calls).isZero();
        } finally {
            other.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFrameTheHostNeverExpectsIsAProtocolError() throws Exception {
        WorkerLink link = connect();
        CompletableFuture<String> closed = new CompletableFuture<>();
        link.onClose(closed::complete);
        ByteBuf out = Unpooled.buffer();
        Frames.empty(out, FrameType.REQUEST_END, 1);
        send(out);
        assertThat(closed.get(5, TimeUnit.SECONDS)).contains("REQUEST_END frame is never sent to the host");
    }

    @Test
    void aWorkerThatGoesAwayBeforeReadyFailsTheReadyFuture() throws Exception {
        endpoint = WorkerEndpoint.listen(dir.resolve("early.sock"));
        worker = SocketChannel.open(StandardProtocolFamily.UNIX);
        worker.connect(UnixDomainSocketAddress.of(endpoint.socketPath()));
        ByteBuf out = Unpooled.buffer();
        ControlCodec.writeHello(out, 1);
        send(out);
        worker.close();
        assertThatThrownBy(() -> endpoint.ready().get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasMessageContaining("before READY");
    }

    @Test
    void pongCompletesThePingWithTheRoundTrip() throws Exception {
        WorkerLink link = connect();
        CompletableFuture<java.time.Duration> ping = link.ping();
        ByteBuffer in = ByteBuffer.allocate(17);
        while (in.hasRemaining()) {
            worker.read(in);
        }
        in.flip();
        assertThat(in.getInt()).isEqualTo(13);
        assertThat(in.get()).isEqualTo((byte) FrameType.PING.code());
        in.getInt();
        long nonce = in.getLong();
        ByteBuf out = Unpooled.buffer();
        ControlCodec.writePong(out, new ControlCodec.Pong(nonce, null));
        send(out);
        assertThat(ping.get(5, TimeUnit.SECONDS)).isPositive();
    }

    private static final class RecordingHead extends java.util.concurrent.atomic.AtomicInteger implements ResponseChannel {
        final CompletableFuture<ResponseHead> head = new CompletableFuture<>();

        @Override
        public void sendHead(ResponseHead h) {
            head.complete(h);
        }

        @Override
        public void sendBody(byte[] data, int offset, int length) {
        }

        @Override
        public void sendFile(Path file, long offset, long length) {
        }

        @Override
        public void end() {
        }

        @Override
        public void abort(String reason) {
        }

        @Override
        public boolean isClientConnected() {
            return true;
        }
    }
}
