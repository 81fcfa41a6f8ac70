package io.lido.ipc.link;

import io.lido.ipc.frame.ControlCodec;
import io.lido.ipc.frame.FrameType;
import io.lido.ipc.frame.Frames;
import io.lido.ipc.frame.Wire;
import io.lido.ipc.state.SessionValueCodec;
import io.lido.ipc.state.StateException;
import io.lido.ipc.state.StateFrames;
import io.lido.ipc.state.StateServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The host's StateServer frames against a hand-driven "worker" that writes raw bytes on a real Unix socket. */
class StateRelayTest {
    private static final Duration LOCK = Duration.ofSeconds(110);

    @TempDir
    Path dir;
    private final StateServer server = StateServer.start();
    private WorkerEndpoint endpoint;
    private SocketChannel worker;

    @AfterEach
    void close() throws IOException {
        if (worker != null) {
            worker.close();
        }
        endpoint.close();
        server.close();
    }

    private WorkerLink connect() throws Exception {
        endpoint = WorkerEndpoint.listen(dir.resolve("fake.sock"), server, "Shop");
        server.poolApplications(Map.of("shop", Set.of("1/")));
        worker = SocketChannel.open(StandardProtocolFamily.UNIX);
        worker.connect(UnixDomainSocketAddress.of(endpoint.socketPath()));
        ByteBuf out = Unpooled.buffer();
        ControlCodec.writeHello(out, 4242);
        Frames.empty(out, FrameType.READY, 0);
        send(out);
        return endpoint.ready().get(5, TimeUnit.SECONDS);
    }

    private void send(ByteBuf out) throws IOException {
        ByteBuffer bytes = out.nioBuffer();
        while (bytes.hasRemaining()) {
            worker.write(bytes);
        }
        out.release();
    }

    private void send(StateFrames.Request request) throws IOException {
        ByteBuf out = Unpooled.buffer();
        StateFrames.write(out, request);
        send(out);
    }

    /** Reads one frame, which must be a STATE_REPLY. */
    private StateFrames.Reply reply() throws IOException {
        ByteBuffer length = ByteBuffer.allocate(4);
        readFully(length);
        ByteBuffer frame = ByteBuffer.allocate(length.flip().getInt());
        readFully(frame);
        ByteBuf in = Unpooled.wrappedBuffer(frame.flip());
        assertThat(in.readUnsignedByte()).isEqualTo((short) FrameType.STATE_REPLY.code());
        assertThat(in.readInt()).isZero();
        return StateFrames.readReply(in);
    }

    private void readFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (worker.read(buffer) < 0) {
                throw new IOException("closed");
            }
        }
    }

    @Test
    void requestsAreAnsweredByIdAndAWaitingAcquireIsAnsweredLater() throws Exception {
        connect();
        send(new StateFrames.Create(1, "1/", "abc", true, Duration.ofMinutes(20), LOCK));
        StateFrames.Granted created = (StateFrames.Granted) reply();
        assertThat(created.request()).isEqualTo(1);
        assertThat(created.grant().isNew()).isTrue();

        // The second lock waits for the release; both are then answered, in whichever order.
        send(new StateFrames.Acquire(2, "1/", "abc", true, Duration.ofSeconds(30), LOCK));
        byte[] items = SessionValueCodec.encode(Map.of("n", 1));
        send(new StateFrames.Release(3, "1/", "abc", created.grant().lockId(), items, Duration.ofMinutes(20), false));
        StateFrames.Reply one = reply();
        StateFrames.Reply two = reply();
        assertThat(List.of(one, two)).contains(new StateFrames.Done(3));
        StateFrames.Granted second = (StateFrames.Granted) (one instanceof StateFrames.Granted ? one : two);
        assertThat(second.request()).isEqualTo(2);
        assertThat(SessionValueCodec.decode(second.grant().items())).containsEntry("n", 1);

        send(new StateFrames.Acquire(4, "1/", "nobody", false, Duration.ZERO, LOCK));
        assertThat(reply()).isEqualTo(new StateFrames.Missing(4));
        send(new StateFrames.Create(5, "2/other", "abc", true, Duration.ofMinutes(20), LOCK));
        StateFrames.Failed refused = (StateFrames.Failed) reply();
        assertThat(refused.kind()).isEqualTo(StateException.Kind.INVALID);
        assertThat(refused.message()).contains("application '2/other' is not hosted by application pool 'Shop'");
    }

    @Test
    void theWorkersLocksGoWithItsConnectionAndItsSessionsStay() throws Exception {
        WorkerLink link = connect();
        send(new StateFrames.Create(1, "1/", "abc", true, Duration.ofMinutes(20), LOCK));
        assertThat(reply()).isInstanceOf(StateFrames.Granted.class);
        CompletableFuture<String> closed = new CompletableFuture<>();
        link.onClose(closed::complete);
        worker.close();
        closed.get(5, TimeUnit.SECONDS);
        assertThat(server.client("next").acquire("1/", "abc", true, Duration.ofSeconds(5), LOCK)
                .get(5, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void aMalformedStateFrameIsAProtocolError() throws Exception {
        WorkerLink link = connect();
        CompletableFuture<String> closed = new CompletableFuture<>();
        link.onClose(closed::complete);
        ByteBuf out = Unpooled.buffer();
        int start = Frames.begin(out, FrameType.STATE_RELEASE, 0);
        out.writeLong(1);
        Wire.writeString(out, "1/");
        Wire.writeString(out, "abc");
        out.writeLong(1).writeByte(0).writeLong(1000).writeInt(Integer.MAX_VALUE);
        Frames.end(out, start);
        send(out);
        assertThat(closed.get(5, TimeUnit.SECONDS)).contains("state items length 2147483647");
    }

    @Test
    void aStateFrameOnAnExchangeStreamIsAProtocolError() throws Exception {
        WorkerLink link = connect();
        CompletableFuture<String> closed = new CompletableFuture<>();
        link.onClose(closed::complete);
        ByteBuf out = Unpooled.buffer();
        StateFrames.write(out, new StateFrames.Acquire(1, "1/", "abc", true, Duration.ZERO, LOCK));
        out.setInt(5, 3);
        send(out);
        assertThat(closed.get(5, TimeUnit.SECONDS)).contains("STATE_ACQUIRE frame on stream 3 (must be 0)");
    }
}
