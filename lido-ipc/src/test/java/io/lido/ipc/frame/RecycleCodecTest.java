package io.lido.ipc.frame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecycleCodecTest {

    private static Frame decodeOne(ByteBuf out) {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder());
        channel.writeInbound(out);
        Frame frame = channel.readInbound();
        assertThat(frame).isNotNull();
        return frame;
    }

    @Test
    void requestRoundTripsOnStreamZeroWithCode24() {
        ByteBuf out = Unpooled.buffer();
        RecycleCodec.writeRequest(out, new RecycleCodec.Request(7, 3, "/app/ünï"));
        assertThat(out.getByte(4)).isEqualTo((byte) 24);
        Frame frame = decodeOne(out);
        try {
            assertThat(frame.type()).isEqualTo(FrameType.RECYCLE_APP);
            assertThat(frame.stream()).isZero();
            assertThat(RecycleCodec.readRequest(frame.payload())).isEqualTo(new RecycleCodec.Request(7, 3, "/app/ünï"));
        } finally {
            frame.release();
        }
    }

    @Test
    void replyRoundTripsEveryStatusAndANullMessage() {
        for (RecycleCodec.Status status : RecycleCodec.Status.values()) {
            ByteBuf out = Unpooled.buffer();
            RecycleCodec.Reply reply = new RecycleCodec.Reply(9, status, status == RecycleCodec.Status.FAILED ? null : "m");
            RecycleCodec.writeReply(out, reply);
            Frame frame = decodeOne(out);
            try {
                assertThat(RecycleCodec.readReply(frame.payload())).isEqualTo(reply);
            } finally {
                frame.release();
            }
        }
    }

    @Test
    void anUnknownStatusARelativePathAndTrailingBytesAreProtocolErrors() {
        ByteBuf status = Unpooled.buffer().writeLong(1).writeByte(3);
        Wire.writeString(status, null);
        assertThatThrownBy(() -> RecycleCodec.readReply(status)).isInstanceOf(FrameException.class)
                .hasMessageContaining("status 3 is unknown");

        ByteBuf relative = Unpooled.buffer().writeLong(1).writeLong(1);
        Wire.writeString(relative, "app");
        assertThatThrownBy(() -> RecycleCodec.readRequest(relative)).isInstanceOf(FrameException.class)
                .hasMessageContaining("does not start with /");

        ByteBuf trailing = Unpooled.buffer().writeLong(1).writeLong(1);
        Wire.writeString(trailing, "/");
        trailing.writeByte(0);
        assertThatThrownBy(() -> RecycleCodec.readRequest(trailing)).isInstanceOf(FrameException.class);
    }
}
