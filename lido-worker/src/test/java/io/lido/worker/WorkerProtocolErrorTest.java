package io.lido.worker;

import io.lido.ipc.frame.ConfigCodec;
import io.lido.ipc.frame.FrameType;
import io.lido.ipc.frame.Frames;
import io.lido.ipc.frame.HeadCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A hand-driven "host" that breaks the protocol: the worker closes the connection and exits. */
class WorkerProtocolErrorTest {
    @TempDir
    Path dir;
    private ServerSocketChannel server;
    private SocketChannel host;
    private Worker worker;

    @BeforeEach
    void start() throws Exception {
        TestSite site = TestSite.create(dir);
        Path socket = dir.resolve("host.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        CompletableFuture<Worker> started = CompletableFuture.supplyAsync(
                () -> Worker.start(new WorkerOptions(TestSite.POOL, socket)));
        host = server.accept();
        ByteBuf configuration = Unpooled.buffer();
        ConfigCodec.write(configuration, site.configuration());
        host.write(configuration.nioBuffer());
        configuration.release();
        worker = started.get(30, TimeUnit.SECONDS);
        readUntilReady();
    }

    @AfterEach
    void stop() throws IOException {
        host.close();
        server.close();
    }

    /** Skips HELLO and waits for READY (type 2, the last frame the worker sends before serving). */
    private void readUntilReady() throws IOException {
        while (true) {
            ByteBuffer header = read(9);
            int length = header.getInt();
            int type = header.get();
            read(length - 5);
            if (type == FrameType.READY.code()) {
                return;
            }
        }
    }

    private ByteBuffer read(int n) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(n);
        while (buffer.hasRemaining()) {
            if (host.read(buffer) < 0) {
                throw new IOException("worker closed the connection");
            }
        }
        return buffer.flip();
    }

    private void send(ByteBuf out) throws IOException {
        ByteBuffer bytes = out.nioBuffer();
        while (bytes.hasRemaining()) {
            host.write(bytes);
        }
        out.release();
    }

    @Test
    void anUnknownFrameTypeMakesTheWorkerCloseAndExit() throws Exception {
        send(Unpooled.buffer().writeInt(5).writeByte(77).writeInt(0));
        assertThat(worker.exit().get(10, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void bodyBeyondTheCreditWindowIsAProtocolError() throws Exception {
        long length = 1L << 20;
        ByteBuf out = Unpooled.buffer();
        HeadCodec.writeRequestHead(out, 1, TestSite.request("POST", "/hang", "", length));
        send(out);
        byte[] chunk = new byte[Frames.MAX_CHUNK];
        // The handler never reads; 9 chunks of 32 KiB are more than the 256 KiB window.
        for (int i = 0; i < 9; i++) {
            ByteBuf body = Unpooled.buffer();
            Frames.body(body, FrameType.REQUEST_BODY, 1, chunk, 0, chunk.length);
            send(body);
        }
        // The worker exits once shutdownTimeLimit (2 s) has passed for the request that never ends.
        assertThat(worker.exit().get(10, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void aFrameOnlyTheWorkerSendsIsAProtocolError() throws Exception {
        ByteBuf out = Unpooled.buffer();
        Frames.empty(out, FrameType.READY, 0);
        send(out);
        assertThat(worker.exit().get(10, TimeUnit.SECONDS)).isZero();
    }
}
