package io.lido.ipc.frame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.nio.charset.StandardCharsets;

/**
 * The primitive encodings inside payloads: strings are a 4-byte length (-1 for null) and UTF-8
 * bytes. Reading checks every length against what is left, so a lying peer yields a
 * {@link FrameException}, never an out-of-bounds read or a huge allocation.
 */
public final class Wire {
    private Wire() {
    }

    /** Writes a string, or null. */
    public static void writeString(ByteBuf out, String value) {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        int lengthAt = out.writerIndex();
        out.writeInt(0);
        int written = ByteBufUtil.writeUtf8(out, value);
        out.setInt(lengthAt, written);
    }

    /** Reads a string, or null. */
    public static String readString(ByteBuf in, String field) {
        int length = readInt(in, field);
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > in.readableBytes()) {
            throw new FrameException(field + ": string length " + length + " but " + in.readableBytes()
                    + " bytes left in the frame");
        }
        String value = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return value;
    }

    /** Reads a string that may not be null. */
    public static String readRequiredString(ByteBuf in, String field) {
        String value = readString(in, field);
        if (value == null) {
            throw new FrameException(field + " is missing");
        }
        return value;
    }

    public static int readInt(ByteBuf in, String field) {
        need(in, 4, field);
        return in.readInt();
    }

    public static long readLong(ByteBuf in, String field) {
        need(in, 8, field);
        return in.readLong();
    }

    public static int readByte(ByteBuf in, String field) {
        need(in, 1, field);
        return in.readUnsignedByte();
    }

    /** Fails when a frame carries more than its type defines. */
    public static void expectEnd(ByteBuf in, String frame) {
        if (in.isReadable()) {
            throw new FrameException(frame + " frame has " + in.readableBytes() + " unexpected trailing bytes");
        }
    }

    private static void need(ByteBuf in, int bytes, String field) {
        if (in.readableBytes() < bytes) {
            throw new FrameException(field + ": frame ends early");
        }
    }
}
