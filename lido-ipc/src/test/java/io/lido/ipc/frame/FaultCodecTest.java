package io.lido.ipc.frame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultCodecTest {

    @Test
    void everyKindRoundTripsOnItsStreamWithCode28() {
        for (FaultCodec.Kind kind : FaultCodec.Kind.values()) {
            ByteBuf out = Unpooled.buffer();
            FaultCodec.write(out, 7, new FaultCodec.Fault(kind, "System.exit(3) ü"));
            assertThat(out.getByte(4)).isEqualTo((byte) 28);
            EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder());
            channel.writeInbound(out);
            Frame frame = channel.readInbound();
            try {
                assertThat(frame.type()).isEqualTo(FrameType.FAULT);
                assertThat(frame.stream()).isEqualTo(7);
                assertThat(FaultCodec.read(frame.payload())).isEqualTo(new FaultCodec.Fault(kind, "System.exit(3) ü"));
            } finally {
                frame.release();
            }
        }
    }

    @Test
    void anUnknownKindOrAMissingDetailIsAProtocolError() {
        ByteBuf unknown = Unpooled.buffer().writeByte(9);
        Wire.writeString(unknown, "x");
        assertThatThrownBy(() -> FaultCodec.read(unknown)).isInstanceOf(FrameException.class)
                .hasMessageContaining("FAULT kind 9");
        ByteBuf noDetail = Unpooled.buffer().writeByte(0);
        Wire.writeString(noDetail, null);
        assertThatThrownBy(() -> FaultCodec.read(noDetail)).isInstanceOf(FrameException.class);
    }
}
