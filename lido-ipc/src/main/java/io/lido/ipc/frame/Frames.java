package io.lido.ipc.frame;

import io.netty.buffer.ByteBuf;

/**
 * Writes frames into a buffer. A frame is a 4-byte length (of everything after it), a 1-byte
 * type, a 4-byte stream id and the payload; several frames may share one buffer so that a burst
 * costs one write.
 */
public final class Frames {
    /** The bytes of a frame header: length, type, stream. */
    public static final int HEADER_BYTES = 9;
    /** The largest payload a peer accepts; a bigger frame is a protocol error. */
    public static final int MAX_PAYLOAD = 256 * 1024;
    /** The largest body chunk a sender puts into one frame. */
    public static final int MAX_CHUNK = 32 * 1024;
    /** The protocol version HELLO announces. */
    public static final int VERSION = 1;

    private Frames() {
    }

    /**
     * Starts a frame whose payload the caller writes next.
     *
     * @return the position to pass to {@link #end}
     */
    public static int begin(ByteBuf out, FrameType type, int stream) {
        int start = out.writerIndex();
        out.writeInt(0).writeByte(type.code()).writeInt(stream);
        return start;
    }

    /**
     * Closes a frame begun at {@code start} by filling in its length.
     *
     * @throws FrameException when the payload is over {@link #MAX_PAYLOAD} (the frame is taken back out)
     */
    public static void end(ByteBuf out, int start) {
        int length = out.writerIndex() - start - 4;
        if (length - 5 > MAX_PAYLOAD) {
            out.writerIndex(start);
            throw new FrameException("frame payload of " + (length - 5) + " bytes is over the limit of "
                    + MAX_PAYLOAD);
        }
        out.setInt(start, length);
    }

    /** Writes a frame without payload. */
    public static void empty(ByteBuf out, FrameType type, int stream) {
        out.writeInt(5).writeByte(type.code()).writeInt(stream);
    }

    /** Writes a frame whose payload is one int (WINDOW). */
    public static void withInt(ByteBuf out, FrameType type, int stream, int value) {
        out.writeInt(9).writeByte(type.code()).writeInt(stream).writeInt(value);
    }

    /** Writes a body frame (REQUEST_BODY or RESPONSE_BODY) with up to {@link #MAX_CHUNK} bytes. */
    public static void body(ByteBuf out, FrameType type, int stream, byte[] data, int offset, int length) {
        if (length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("body chunk of " + length + " bytes; split it");
        }
        out.writeInt(5 + length).writeByte(type.code()).writeInt(stream).writeBytes(data, offset, length);
    }

    /** Writes a frame whose payload is one string (ABORT, GOAWAY). */
    public static void withText(ByteBuf out, FrameType type, int stream, String text) {
        int start = begin(out, type, stream);
        Wire.writeString(out, text);
        end(out, start);
    }
}
