package io.lido.ipc.state;

import io.lido.ipc.frame.FrameException;
import io.lido.ipc.frame.FrameType;
import io.lido.ipc.frame.Frames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateFramesTest {

    /** Writes a frame and returns its payload, checking the header. */
    private static ByteBuf payload(ByteBuf frame, FrameType type) {
        assertThat(frame.readInt()).isEqualTo(frame.readableBytes());
        assertThat(frame.readUnsignedByte()).isEqualTo((short) type.code());
        assertThat(frame.readInt()).as("stream 0").isZero();
        return frame;
    }

    @Test
    void requestsRoundTrip() {
        StateFrames.Request[] requests = {
                new StateFrames.Acquire(1, "1/app", "abc", true, Duration.ofSeconds(110), Duration.ofSeconds(120)),
                new StateFrames.Create(2, "1/", "def", false, Duration.ofMinutes(20), Duration.ofSeconds(1)),
                new StateFrames.Release(3, "1/app", "abc", 77, null, Duration.ofMinutes(5), true)};
        FrameType[] types = {FrameType.STATE_ACQUIRE, FrameType.STATE_CREATE, FrameType.STATE_RELEASE};
        for (int i = 0; i < requests.length; i++) {
            ByteBuf out = Unpooled.buffer();
            StateFrames.write(out, requests[i]);
            assertThat(StateFrames.readRequest(types[i], payload(out, types[i]))).isEqualTo(requests[i]);
        }
        ByteBuf out = Unpooled.buffer();
        StateFrames.write(out, new StateFrames.Release(4, "a", "b", 5, new byte[]{1, 2}, Duration.ZERO, false));
        StateFrames.Release release = (StateFrames.Release) StateFrames.readRequest(FrameType.STATE_RELEASE,
                payload(out, FrameType.STATE_RELEASE));
        assertThat(release.items()).containsExactly(1, 2);
        assertThat(release.abandon()).isFalse();
    }

    @Test
    void repliesRoundTrip() {
        StateGrant grant = new StateGrant("abc", 9, true, new byte[]{1, 0, 0, 0, 0}, Duration.ofMinutes(20), true);
        ByteBuf out = Unpooled.buffer();
        StateFrames.write(out, new StateFrames.Granted(7, grant));
        StateFrames.Granted granted = (StateFrames.Granted) StateFrames.readReply(payload(out, FrameType.STATE_REPLY));
        assertThat(granted.request()).isEqualTo(7);
        assertThat(granted.grant().items()).containsExactly(grant.items());
        assertThat(granted.grant()).usingRecursiveComparison().ignoringFields("items").isEqualTo(grant);

        for (StateFrames.Reply reply : new StateFrames.Reply[]{new StateFrames.Missing(8), new StateFrames.Done(9),
                new StateFrames.Failed(10, StateException.Kind.LIMIT, "too big")}) {
            ByteBuf frame = Unpooled.buffer();
            StateFrames.write(frame, reply);
            assertThat(StateFrames.readReply(payload(frame, FrameType.STATE_REPLY))).isEqualTo(reply);
        }
    }

    @Test
    void malformedPayloadsAreProtocolErrors() {
        ByteBuf shortAcquire = Unpooled.buffer().writeLong(1);
        assertThatThrownBy(() -> StateFrames.readRequest(FrameType.STATE_ACQUIRE, shortAcquire))
                .isInstanceOf(FrameException.class).hasMessageContaining("state application key");

        ByteBuf out = Unpooled.buffer();
        StateFrames.write(out, new StateFrames.Acquire(1, "a", "b", true, Duration.ZERO, Duration.ZERO));
        ByteBuf trailing = payload(out, FrameType.STATE_ACQUIRE).writeByte(0);
        assertThatThrownBy(() -> StateFrames.readRequest(FrameType.STATE_ACQUIRE, trailing))
                .hasMessageContaining("unexpected trailing bytes");

        ByteBuf lyingItems = Unpooled.buffer().writeLong(1).writeByte(0);
        io.lido.ipc.frame.Wire.writeString(lyingItems, "abc");
        lyingItems.writeLong(1).writeByte(1).writeByte(0).writeLong(1000).writeInt(1_000_000);
        assertThatThrownBy(() -> StateFrames.readReply(lyingItems)).hasMessageContaining("state items length 1000000");

        ByteBuf unknownKind = Unpooled.buffer().writeLong(1).writeByte(3).writeByte(99).writeInt(-1);
        assertThatThrownBy(() -> StateFrames.readReply(unknownKind)).hasMessageContaining("failure kind 99");

        ByteBuf negative = Unpooled.buffer().writeLong(1);
        io.lido.ipc.frame.Wire.writeString(negative, "a");
        io.lido.ipc.frame.Wire.writeString(negative, "b");
        negative.writeByte(1).writeLong(-5).writeLong(0);
        assertThatThrownBy(() -> StateFrames.readRequest(FrameType.STATE_ACQUIRE, negative))
                .hasMessageContaining("wait -5 ms is negative");
    }

    @Test
    void theLargestAllowedSessionFitsInOneFrame() {
        ByteBuf out = Unpooled.buffer();
        StateFrames.write(out, new StateFrames.Granted(1, new StateGrant("x".repeat(64), 1, true,
                new byte[StateLimits.FRAME_LIMIT], Duration.ofDays(365), false)));
        assertThat(out.readableBytes() - Frames.HEADER_BYTES).isLessThanOrEqualTo(Frames.MAX_PAYLOAD);
        assertThat(FrameType.of(19)).isEqualTo(FrameType.STATE_REPLY);
    }
}
