package io.lido.ipc.frame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigCodecTest {

    private static List<Frame> decode(ByteBuf out) {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder());
        channel.writeInbound(out);
        List<Frame> frames = new ArrayList<>();
        for (Frame frame = channel.readInbound(); frame != null; frame = channel.readInbound()) {
            frames.add(frame);
        }
        return frames;
    }

    private static ConfigCodec.WorkerConfiguration assemble(List<Frame> frames) {
        ConfigCodec.Assembler assembler = new ConfigCodec.Assembler();
        ConfigCodec.WorkerConfiguration done = null;
        for (int i = 0; i < frames.size(); i++) {
            Frame frame = frames.get(i);
            try {
                assertThat(frame.type()).isEqualTo(FrameType.CONFIG);
                assertThat(frame.stream()).isZero();
                done = assembler.add(frame.payload());
                assertThat(done == null).isEqualTo(i < frames.size() - 1);
            } finally {
                frame.release();
            }
        }
        return done;
    }

    @Test
    void aSmallConfigurationIsOneFrameWithCode20() {
        ByteBuf out = Unpooled.buffer();
        ConfigCodec.WorkerConfiguration configuration = new ConfigCodec.WorkerConfiguration("/conf/a.config", "<x/>");
        ConfigCodec.write(out, configuration);
        assertThat(out.getByte(4)).isEqualTo((byte) 20);
        List<Frame> frames = decode(out);
        assertThat(frames).hasSize(1);
        assertThat(assemble(frames)).isEqualTo(configuration);
    }

    @Test
    void aLargeConfigurationIsSplitIntoChunksEvenInsideACharacter() {
        // 3-byte characters: chunk boundaries of 32 KiB fall inside one.
        String text = "<configuration>" + "€".repeat(100_000) + "</configuration>";
        ByteBuf out = Unpooled.buffer();
        ConfigCodec.WorkerConfiguration configuration = new ConfigCodec.WorkerConfiguration("/conf/ä.config", text);
        ConfigCodec.write(out, configuration);
        List<Frame> frames = decode(out);
        assertThat(frames).hasSizeGreaterThan(9);
        assertThat(assemble(frames)).isEqualTo(configuration);
    }

    @Test
    void anEmptyTextIsOneLastChunk() {
        ByteBuf out = Unpooled.buffer();
        ConfigCodec.write(out, new ConfigCodec.WorkerConfiguration("f", ""));
        assertThat(assemble(decode(out))).isEqualTo(new ConfigCodec.WorkerConfiguration("f", ""));
    }

    @Test
    void aChunkAfterTheLastOneOrOfAnotherFileOrWithABadFlagIsAProtocolError() {
        ByteBuf out = Unpooled.buffer();
        ConfigCodec.write(out, new ConfigCodec.WorkerConfiguration("f", "a"));
        ConfigCodec.write(out, new ConfigCodec.WorkerConfiguration("f", "b"));
        List<Frame> frames = decode(out);
        ConfigCodec.Assembler assembler = new ConfigCodec.Assembler();
        assembler.add(frames.get(0).payload());
        assertThatThrownBy(() -> assembler.add(frames.get(1).payload())).isInstanceOf(FrameException.class)
                .hasMessage("CONFIG frame after the configuration was complete");
        frames.forEach(Frame::release);

        ByteBuf other = Unpooled.buffer();
        int start = Frames.begin(other, FrameType.CONFIG, 0);
        Wire.writeString(other, "f");
        other.writeByte(0).writeByte('a');
        Frames.end(other, start);
        start = Frames.begin(other, FrameType.CONFIG, 0);
        Wire.writeString(other, "g");
        other.writeByte(2);
        Frames.end(other, start);
        List<Frame> mixed = decode(other);
        ConfigCodec.Assembler second = new ConfigCodec.Assembler();
        assertThat(second.add(mixed.get(0).payload())).isNull();
        assertThatThrownBy(() -> second.add(mixed.get(1).payload())).isInstanceOf(FrameException.class)
                .hasMessage("CONFIG chunk of g inside the configuration of f");
        mixed.forEach(Frame::release);
    }
}
