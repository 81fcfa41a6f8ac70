package io.lido.listener.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds thousands of randomly mutated requests, in random fragments, to the decoder: whatever the
 * bytes, it must only ever emit heads, body bytes within the announced length, body ends and
 * rejections, in that grammar, and never throw.
 */
class RequestDecoderFuzzTest {
    private static final String[] SEEDS = {
        "GET /a?b HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\n",
        "POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello",
        "POST /p HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;e=1\r\nhello\r\n0\r\nT: v\r\n\r\n",
        "GET http://x:80/ HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
    };
    private static final byte[] INTERESTING = " \t\r\n:;,\"\\/0aF%\u0000\u007f\u0085\u00ff".getBytes(StandardCharsets.ISO_8859_1);

    private int heads;
    private int rejections;

    @Test
    void mutatedRequestsAreEitherFramedOrRejectedNeverMisread() {
        Random random = new Random(20261121);
        for (int round = 0; round < 3000; round++) {
            byte[] bytes = mutate(random, (SEEDS[random.nextInt(SEEDS.length)] + SEEDS[random.nextInt(SEEDS.length)])
                    .getBytes(StandardCharsets.ISO_8859_1));
            check(random, bytes);
        }
        // the mutations exercise both outcomes, so the grammar checks above really ran
        assertThat(heads).isGreaterThan(1000);
        assertThat(rejections).isGreaterThan(1000);
    }

    private static byte[] mutate(Random random, byte[] input) {
        byte[] b = input.clone();
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(3)) {
                case 0 -> b[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                case 1 -> b[at] = (byte) random.nextInt(256);
                default -> {
                    byte[] shorter = new byte[b.length - 1];
                    System.arraycopy(b, 0, shorter, 0, at);
                    System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
                    b = shorter.length > 0 ? shorter : b;
                }
            }
        }
        return b;
    }

    private void check(Random random, byte[] bytes) {
        RequestDecoder decoder = new RequestDecoder(DecoderLimits.DEFAULTS);
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        long expectedBody = 0;
        long bodySeen = 0;
        boolean inBody = false;
        boolean rejected = false;
        int offset = 0;
        while (offset < bytes.length) {
            int n = 1 + random.nextInt(Math.min(40, bytes.length - offset));
            channel.writeInbound(Unpooled.wrappedBuffer(bytes, offset, n));
            offset += n;
            Object m;
            while ((m = channel.readInbound()) != null) {
                assertThat(rejected).as("nothing after a rejection").isFalse();
                switch (m) {
                    case ParsedHead head -> {
                        assertThat(inBody).as("a head inside a body").isFalse();
                        assertThat(head.method()).isNotEmpty();
                        inBody = true;
                        heads++;
                        expectedBody = head.contentLength();
                        bodySeen = 0;
                    }
                    case ByteBuf content -> {
                        assertThat(inBody).isTrue();
                        bodySeen += content.readableBytes();
                        content.release();
                        if (expectedBody >= 0) {
                            assertThat(bodySeen).isLessThanOrEqualTo(expectedBody);
                        }
                    }
                    case BodyEnd end -> {
                        assertThat(inBody).isTrue();
                        if (expectedBody >= 0) {
                            assertThat(bodySeen).isEqualTo(expectedBody);
                        }
                        inBody = false;
                        decoder.resume();
                    }
                    case Rejection rejection -> {
                        assertThat(rejection.status()).isBetween(400, 505);
                        rejected = true;
                        rejections++;
                    }
                    default -> throw new AssertionError("unexpected message " + m);
                }
            }
        }
        channel.finishAndReleaseAll();
    }
}
