package io.lido.ipc.frame;

import io.netty.buffer.ByteBuf;

/**
 * One decoded frame. The payload is a retained slice of the read buffer: whoever takes the frame
 * must {@link #release()} it exactly once.
 *
 * @param type    the frame type
 * @param stream  the exchange it belongs to, 0 for the connection
 * @param payload what follows the frame header
 */
public record Frame(FrameType type, int stream, ByteBuf payload) {

    /** Releases the payload. */
    public void release() {
        payload.release();
    }
}
