package io.lido.ipc.frame;

import io.lido.ipc.ExecutingRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestListCodecTest {

    private static Frame decodeOne(ByteBuf out) {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder());
        channel.writeInbound(out);
        Frame frame = channel.readInbound();
        assertThat(frame).isNotNull();
        return frame;
    }

    private static ExecutingRequest request(long id, String url, long elapsed) {
        return new ExecutingRequest(id, 1, "/app", "GET", url, "127.0.0.1", elapsed, "ExecuteRequestHandler",
                "test.SlowHandler");
    }

    @Test
    void requestRoundTripsOnStreamZeroWithCode50() {
        ByteBuf out = Unpooled.buffer();
        RequestListCodec.writeRequest(out, 3, 1000);
        assertThat(out.getByte(4)).isEqualTo((byte) 50);
        Frame frame = decodeOne(out);
        try {
            assertThat(frame.type()).isEqualTo(FrameType.REQUEST_LIST);
            assertThat(frame.stream()).isZero();
            assertThat(RequestListCodec.readRequest(frame.payload()))
                    .isEqualTo(new RequestListCodec.Request(3, 1000));
        } finally {
            frame.release();
        }
    }

    @Test
    void replyRoundTripsEveryField() {
        List<ExecutingRequest> requests = List.of(request(0x2a, "/app/slow?x=ü", 2840),
                new ExecutingRequest(7, 2, "/", "POST", "/", "::1", 0, "BeginRequest", ""));
        ByteBuf out = Unpooled.buffer();
        RequestListCodec.writeReply(out, 9, requests);
        Frame frame = decodeOne(out);
        try {
            RequestListCodec.Reply reply = RequestListCodec.readReply(frame.payload());
            assertThat(reply).isEqualTo(new RequestListCodec.Reply(9, requests, 0));
        } finally {
            frame.release();
        }
    }

    @Test
    void aReplyStaysInOneFrameAndCountsWhatItLeftOut() {
        List<ExecutingRequest> many = new ArrayList<>();
        String longUrl = "/" + "x".repeat(10_000);
        for (int i = 0; i < 1000; i++) {
            many.add(request(i, longUrl, 1000 - i));
        }
        ByteBuf out = Unpooled.buffer();
        RequestListCodec.writeReply(out, 1, many);
        Frame frame = decodeOne(out);
        try {
            RequestListCodec.Reply reply = RequestListCodec.readReply(frame.payload());
            assertThat(reply.requests()).isNotEmpty().hasSizeLessThan(1000);
            assertThat(reply.requests().size() + reply.omitted()).isEqualTo(1000);
            assertThat(reply.requests().getFirst().url()).hasSize(RequestListCodec.MAX_URL);
            assertThat(reply.requests().getFirst().elapsedMillis()).as("the longest-running first").isEqualTo(1000);
        } finally {
            frame.release();
        }
    }

    @Test
    void aLyingCountIsAProtocolError() {
        ByteBuf payload = Unpooled.buffer().writeLong(1).writeInt(1_000_000).writeInt(0);
        assertThatThrownBy(() -> RequestListCodec.readReply(payload)).isInstanceOf(FrameException.class)
                .hasMessageContaining("out of range");
    }
}
