package io.lido.ipc.frame;

import io.lido.ipc.DomainStatus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DomainStatusCodecTest {

    private static Frame decodeOne(ByteBuf out) {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder());
        channel.writeInbound(out);
        Frame frame = channel.readInbound();
        assertThat(frame).isNotNull();
        return frame;
    }

    @Test
    void requestRoundTripsOnStreamZeroWithCode25() {
        ByteBuf out = Unpooled.buffer();
        DomainStatusCodec.writeRequest(out, 11);
        assertThat(out.getByte(4)).isEqualTo((byte) 25);
        Frame frame = decodeOne(out);
        try {
            assertThat(frame.type()).isEqualTo(FrameType.APP_STATUS);
            assertThat(frame.stream()).isZero();
            assertThat(DomainStatusCodec.readRequest(frame.payload())).isEqualTo(11);
        } finally {
            frame.release();
        }
    }

    @Test
    void replyRoundTripsServingFailedAndNeverStartedApplications() {
        Instant at = Instant.parse("2026-12-07T14:03:11.123Z");
        DomainStatusCodec.Reply reply = new DomainStatusCodec.Reply(4, List.of(
                new DomainStatusCodec.Application(1, "/", new DomainStatus("Serving", 2,
                        new DomainStatus.DomainStart(2, "manual", at, null))),
                new DomainStatusCodec.Application(1, "/ünï", new DomainStatus("Failed", 0,
                        new DomainStatus.DomainStart(1, "start", at,
                                "class a.B needs c.D, which is missing from bin/"))),
                new DomainStatusCodec.Application(9, "/off", new DomainStatus("Offline", 0, null))));
        ByteBuf out = Unpooled.buffer();
        DomainStatusCodec.writeReply(out, reply);
        Frame frame = decodeOne(out);
        try {
            assertThat(DomainStatusCodec.readReply(frame.payload())).isEqualTo(reply);
        } finally {
            frame.release();
        }
    }

    @Test
    void aLyingCountARelativePathABadFlagAndTrailingBytesAreProtocolErrors() {
        ByteBuf count = Unpooled.buffer().writeLong(1).writeInt(-1);
        assertThatThrownBy(() -> DomainStatusCodec.readReply(count)).isInstanceOf(FrameException.class)
                .hasMessageContaining("count -1");

        ByteBuf relative = Unpooled.buffer().writeLong(1).writeInt(1).writeLong(1);
        Wire.writeString(relative, "app");
        assertThatThrownBy(() -> DomainStatusCodec.readReply(relative)).isInstanceOf(FrameException.class)
                .hasMessageContaining("does not start with /");

        ByteBuf flag = Unpooled.buffer().writeLong(1).writeInt(1).writeLong(1);
        Wire.writeString(flag, "/");
        Wire.writeString(flag, "Serving");
        flag.writeInt(1).writeByte(2);
        assertThatThrownBy(() -> DomainStatusCodec.readReply(flag)).isInstanceOf(FrameException.class)
                .hasMessageContaining("flag 2");

        ByteBuf trailing = Unpooled.buffer().writeLong(1).writeByte(0);
        assertThatThrownBy(() -> DomainStatusCodec.readRequest(trailing)).isInstanceOf(FrameException.class)
                .hasMessageContaining("trailing");
    }
}
