package io.lido.ipc.frame;

import io.lido.ipc.HeaderList;
import io.lido.ipc.RequestHead;
import io.lido.ipc.ResponseHead;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameCodecTest {

    private static RequestHead requestHead() {
        HeaderList headers = new HeaderList().add("Host", "example.com").add("X-Ünïcode", "välue").add("Cookie", "a=1")
                .add("cookie", "b=2");
        return new RequestHead(42, "POST", "/app/x%20y?q=1", "/app/x y", "q=1", 1, headers, "::1", 50123,
                "127.0.0.1", 8080, false, 7, "Site Ω", "/app", -1);
    }

    @Test
    void requestHeadRoundTripsThroughTheDecoder() {
        ByteBuf out = Unpooled.buffer();
        HeadCodec.writeRequestHead(out, 3, requestHead());
        Frame frame = decodeOne(out);
        try {
            assertThat(frame.type()).isEqualTo(FrameType.REQUEST_HEAD);
            assertThat(frame.stream()).isEqualTo(3);
            RequestHead head = HeadCodec.readRequestHead(frame.payload());
            RequestHead expected = requestHead();
            assertThat(head).usingRecursiveComparison().ignoringFields("headers").isEqualTo(expected);
            assertThat(head.headers().toString()).isEqualTo(expected.headers().toString());
        } finally {
            frame.release();
        }
    }

    @Test
    void theTlsDetailsOfASecureRequestTravelToTheWorker() {
        RequestHead plain = requestHead();
        RequestHead secure = new RequestHead(plain.id(), plain.method(), plain.rawTarget(), plain.path(), plain.query(),
                1, plain.headers(), plain.remoteAddress(), plain.remotePort(), plain.localAddress(), 8443, true,
                plain.siteId(), plain.siteName(), plain.applicationPath(), 0,
                new io.lido.ipc.TlsDetails("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", 128,
                        "CN=www.example.com", "CN=Example CA"));
        ByteBuf out = Unpooled.buffer();
        HeadCodec.writeRequestHead(out, 3, secure);
        Frame frame = decodeOne(out);
        try {
            RequestHead head = HeadCodec.readRequestHead(frame.payload());
            assertThat(head.secure()).isTrue();
            assertThat(head.tls()).isEqualTo(secure.tls());
        } finally {
            frame.release();
        }
    }

    @Test
    void responseHeadKeepsNullsStatusAndSubStatus() {
        ByteBuf out = Unpooled.buffer();
        HeaderList headers = new HeaderList().add("Content-Type", "text/plain").add("Set-Cookie", "");
        HeadCodec.writeResponseHead(out, 5, new ResponseHead(404, 3, null, headers, null));
        Frame frame = decodeOne(out);
        try {
            ResponseHead head = HeadCodec.readResponseHead(frame.payload());
            assertThat(head.status()).isEqualTo(404);
            assertThat(head.subStatus()).isEqualTo(3);
            assertThat(head.reason()).isNull();
            assertThat(head.user()).isNull();
            assertThat(head.headers().getAll("set-cookie")).containsExactly("");
        } finally {
            frame.release();
        }
    }

    @Test
    void severalFramesInOneBufferAndSplitAcrossReads() {
        ByteBuf out = Unpooled.buffer();
        ControlCodec.writeHello(out, 1234);
        Frames.empty(out, FrameType.READY, 0);
        byte[] body = "body bytes".getBytes(StandardCharsets.UTF_8);
        Frames.body(out, FrameType.RESPONSE_BODY, 9, body, 0, body.length);
        ControlCodec.writeFile(out, 9, new ControlCodec.FileRegion(Path.of("/srv/a b.bin"), 10, 20));
        Frames.withInt(out, FrameType.WINDOW, 9, 65536);
        ControlCodec.writePong(out, new ControlCodec.Pong(77, "request 1 GET /x made no progress"));
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder());
        // Byte by byte: the decoder must wait for whole frames.
        while (out.isReadable()) {
            channel.writeInbound(out.readRetainedSlice(1));
        }
        out.release();
        Frame hello = channel.readInbound();
        assertThat(ControlCodec.readHello(hello.payload())).isEqualTo(new ControlCodec.Hello(Frames.VERSION, 1234));
        Frame ready = channel.readInbound();
        assertThat(ready.type()).isEqualTo(FrameType.READY);
        Frame data = channel.readInbound();
        assertThat(data.payload().toString(StandardCharsets.UTF_8)).isEqualTo("body bytes");
        Frame file = channel.readInbound();
        assertThat(ControlCodec.readFile(file.payload()))
                .isEqualTo(new ControlCodec.FileRegion(Path.of("/srv/a b.bin"), 10, 20));
        Frame window = channel.readInbound();
        assertThat(ControlCodec.readWindow(window.payload())).isEqualTo(65536);
        Frame pong = channel.readInbound();
        assertThat(ControlCodec.readPong(pong.payload()).hung()).contains("no progress");
        for (Frame f : new Frame[] {hello, ready, data, file, window, pong}) {
            f.release();
        }
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void oversizedFrameIsAProtocolErrorAndTheRestIsDropped() {
        ByteBuf out = Unpooled.buffer();
        out.writeInt(5 + Frames.MAX_PAYLOAD + 1).writeByte(FrameType.RESPONSE_BODY.code()).writeInt(1);
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder());
        assertThatThrownBy(() -> channel.writeInbound(out))
                .isInstanceOf(DecoderException.class)
                .hasCauseInstanceOf(FrameException.class)
                .hasMessageContaining("frame length " + (5 + Frames.MAX_PAYLOAD + 1) + " is out of range");
        ByteBuf more = Unpooled.buffer();
        Frames.empty(more, FrameType.READY, 0);
        channel.writeInbound(more);
        assertThat((Object) channel.readInbound()).as("nothing after a broken frame").isNull();
    }

    @Test
    void negativeOrTinyLengthIsAProtocolError() {
        for (int length : new int[] {-1, 0, 4}) {
            ByteBuf out = Unpooled.buffer().writeInt(length).writeByte(1).writeInt(0);
            EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder());
            assertThatThrownBy(() -> channel.writeInbound(out)).hasCauseInstanceOf(FrameException.class);
        }
    }

    @Test
    void unknownTypeIsAProtocolError() {
        ByteBuf out = Unpooled.buffer().writeInt(5).writeByte(99).writeInt(0);
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder());
        assertThatThrownBy(() -> channel.writeInbound(out))
                .hasCauseInstanceOf(FrameException.class)
                .hasMessageContaining("unknown frame type 99");
    }

    @Test
    void malformedPayloadsAreProtocolErrors() {
        // A string whose length runs past the end of the frame.
        ByteBuf head = Unpooled.buffer().writeLong(1).writeInt(1000).writeBytes(new byte[10]);
        assertThatThrownBy(() -> HeadCodec.readRequestHead(head))
                .isInstanceOf(FrameException.class).hasMessageContaining("method: string length 1000");
        // A header count that would make us allocate millions of entries.
        ByteBuf response = Unpooled.buffer().writeShort(200).writeShort(0).writeInt(-1).writeInt(50_000_000);
        assertThatThrownBy(() -> HeadCodec.readResponseHead(response))
                .isInstanceOf(FrameException.class).hasMessageContaining("header count");
        // Trailing bytes, missing fields, bad values.
        assertThatThrownBy(() -> ControlCodec.readHello(Unpooled.buffer().writeInt(1).writeLong(2).writeByte(0)))
                .isInstanceOf(FrameException.class).hasMessageContaining("trailing");
        assertThatThrownBy(() -> ControlCodec.readPing(Unpooled.buffer().writeInt(1)))
                .isInstanceOf(FrameException.class).hasMessageContaining("ends early");
        assertThatThrownBy(() -> ControlCodec.readWindow(Unpooled.buffer().writeInt(0)))
                .isInstanceOf(FrameException.class).hasMessageContaining("not positive");
        ByteBuf relative = Unpooled.buffer().writeLong(0).writeLong(1);
        Wire.writeString(relative, "etc/passwd");
        assertThatThrownBy(() -> ControlCodec.readFile(relative))
                .isInstanceOf(FrameException.class).hasMessageContaining("not absolute");
    }

    @Test
    void aHeadOverTheLimitIsRefusedWhenWritten() {
        HeaderList headers = new HeaderList().add("X-Big", "x".repeat(Frames.MAX_PAYLOAD));
        ByteBuf out = Unpooled.buffer();
        assertThatThrownBy(() -> HeadCodec.writeResponseHead(out, 1, new ResponseHead(200, 0, null, headers, null)))
                .isInstanceOf(FrameException.class).hasMessageContaining("over the limit");
        assertThat(out.writerIndex()).as("the partial frame is taken back").isZero();
    }

    @Test
    void flowWindowBlocksAtZeroAndRefusesOverCredit() throws Exception {
        FlowWindow window = new FlowWindow();
        assertThat(window.acquire(FlowWindow.INITIAL + 10)).isEqualTo(FlowWindow.INITIAL);
        assertThat(window.tryAcquire(1)).isZero();
        java.util.concurrent.atomic.AtomicInteger got = new java.util.concurrent.atomic.AtomicInteger();
        Thread waiter = Thread.ofVirtual().start(() -> got.set(window.acquire(100)));
        Thread.sleep(50);
        assertThat(waiter.isAlive()).isTrue();
        window.grant(50);
        waiter.join(5000);
        assertThat(waiter.isAlive()).isFalse();
        assertThat(got).hasValue(50);
        assertThatThrownBy(() -> window.grant(FlowWindow.INITIAL + 1)).isInstanceOf(FrameException.class);
        window.close();
        assertThat(window.acquire(1)).isEqualTo(-1);
    }

    private static Frame decodeOne(ByteBuf out) {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder());
        channel.writeInbound(out);
        Frame frame = channel.readInbound();
        assertThat(frame).isNotNull();
        assertThat((Object) channel.readInbound()).isNull();
        return frame;
    }
}
