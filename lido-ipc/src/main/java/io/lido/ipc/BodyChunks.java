package io.lido.ipc;

import io.netty.buffer.ByteBuf;

import java.util.ArrayDeque;

/**
 * Request body bytes received and not yet read by the application: the chunks in arrival order, the read
 * position in the first one, and how many bytes wait in all. The listener's body queue (in-process) and the
 * worker's frame body use it under their own lock, so it is not thread-safe itself.
 */
public final class BodyChunks {
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private int firstOffset;
    private long buffered;

    /** Copies the readable bytes of {@code content} (without releasing it) to the end of the queue. */
    public void add(ByteBuf content) {
        byte[] copy = new byte[content.readableBytes()];
        content.readBytes(copy);
        chunks.add(copy);
        buffered += copy.length;
    }

    /**
     * Moves up to {@code length} bytes of the first chunk into {@code buffer}; the number moved, 0 when the
     * queue is empty or {@code length} is 0.
     */
    public int take(byte[] buffer, int offset, int length) {
        byte[] first = chunks.peekFirst();
        if (first == null) {
            return 0;
        }
        int n = Math.min(length, first.length - firstOffset);
        System.arraycopy(first, firstOffset, buffer, offset, n);
        firstOffset += n;
        if (firstOffset == first.length) {
            chunks.pollFirst();
            firstOffset = 0;
        }
        buffered -= n;
        return n;
    }

    public boolean isEmpty() {
        return chunks.isEmpty();
    }

    /** Bytes received and not yet taken. */
    public long buffered() {
        return buffered;
    }

    /** Drops every byte not yet taken. */
    public void clear() {
        chunks.clear();
        firstOffset = 0;
        buffered = 0;
    }
}
