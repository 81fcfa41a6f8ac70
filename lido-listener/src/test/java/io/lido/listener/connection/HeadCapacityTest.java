package io.lido.listener.connection;

import io.lido.ipc.HeaderList;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeadCapacityTest {

    private static HeaderList staticFileHead() {
        return new HeaderList().add("Content-Type", "text/plain").add("ETag", "\"18f4d1c2a3b-d\"")
                .add("Last-Modified", "Sat, 21 Nov 2026 15:20:00 GMT").add("Accept-Ranges", "bytes")
                .add("Content-Length", "13").add("X-Powered-By", "Lido");
    }

    @Test
    void theEncodedHeadWithEveryFieldTheListenerAddsFitsWithoutGrowing() {
        HeaderList headers = staticFileHead();
        int capacity = Http1ResponseChannel.headCapacity(headers, 0);
        // a buffer that cannot grow: encoding past its capacity throws
        ByteBuf buf = Unpooled.buffer(capacity, capacity);
        try {
            ResponseEncoder.statusLine(buf, 206, "A Reason Phrase Longer Than Usual");
            ResponseEncoder.fields(buf, headers, false, true, true, false);
            assertThat(buf.readableBytes()).isLessThanOrEqualTo(capacity);
        } finally {
            buf.release();
        }
    }

    @Test
    void aSmallBodyOfDeclaredLengthGetsRoomToo() {
        HeaderList headers = staticFileHead();
        int head = Http1ResponseChannel.headCapacity(headers, 0);

        assertThat(Http1ResponseChannel.headCapacity(headers, 13)).isEqualTo(head + 13);
        // a body that is flushed on its own anyway gets no room in the head's buffer
        assertThat(Http1ResponseChannel.headCapacity(headers, 1 << 20)).isEqualTo(head);
    }
}
