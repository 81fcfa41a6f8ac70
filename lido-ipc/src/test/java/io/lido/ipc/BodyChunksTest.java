package io.lido.ipc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class BodyChunksTest {

    @Test
    void takesBytesInArrivalOrderAcrossChunkBoundaries() {
        BodyChunks chunks = new BodyChunks();
        ByteBuf first = Unpooled.copiedBuffer("hello ", StandardCharsets.US_ASCII);
        chunks.add(first);
        chunks.add(Unpooled.copiedBuffer("world", StandardCharsets.US_ASCII));

        assertThat(first.isReadable()).as("the bytes were copied out").isFalse();
        assertThat(chunks.buffered()).isEqualTo(11);
        byte[] buffer = new byte[16];
        int a = chunks.take(buffer, 0, 4);
        int b = chunks.take(buffer, a, 16);
        int c = chunks.take(buffer, a + b, 16);

        assertThat(new String(buffer, 0, a + b + c, StandardCharsets.US_ASCII)).isEqualTo("hello world");
        assertThat(new int[] {a, b, c}).containsExactly(4, 2, 5);
        assertThat(chunks.isEmpty()).isTrue();
        assertThat(chunks.buffered()).isZero();
        assertThat(chunks.take(buffer, 0, 16)).isZero();
    }

    @Test
    void clearDropsWhatWasNotTaken() {
        BodyChunks chunks = new BodyChunks();
        chunks.add(Unpooled.copiedBuffer("abcdef", StandardCharsets.US_ASCII));
        chunks.take(new byte[2], 0, 2);

        chunks.clear();
        chunks.add(Unpooled.copiedBuffer("xy", StandardCharsets.US_ASCII));
        byte[] buffer = new byte[4];

        assertThat(chunks.take(buffer, 0, 4)).as("no offset left from the cleared chunk").isEqualTo(2);
        assertThat(new String(buffer, 0, 2, StandardCharsets.US_ASCII)).isEqualTo("xy");
    }
}
