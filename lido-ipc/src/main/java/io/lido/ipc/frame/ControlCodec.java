package io.lido.ipc.frame;

import io.netty.buffer.ByteBuf;

import java.nio.file.Path;

/** Encodes the small fixed payloads: HELLO, PING, PONG and RESPONSE_FILE (layouts in docs/ipc.md). */
public final class ControlCodec {
    private ControlCodec() {
    }

    /** HELLO payload: protocol version and the worker's pid. */
    public record Hello(int version, long pid) {
    }

    /** PONG payload: the PING's nonce, and null when healthy or why the worker counts itself hung. */
    public record Pong(long nonce, String hung) {
    }

    /** RESPONSE_FILE payload: a region of a file the host sends itself (zero-copy). */
    public record FileRegion(Path file, long offset, long length) {
    }

    public static void writeHello(ByteBuf out, long pid) {
        int start = Frames.begin(out, FrameType.HELLO, 0);
        out.writeInt(Frames.VERSION).writeLong(pid);
        Frames.end(out, start);
    }

    public static Hello readHello(ByteBuf in) {
        Hello hello = new Hello(Wire.readInt(in, "protocol version"), Wire.readLong(in, "pid"));
        Wire.expectEnd(in, "HELLO");
        return hello;
    }

    public static void writePing(ByteBuf out, long nonce) {
        int start = Frames.begin(out, FrameType.PING, 0);
        out.writeLong(nonce);
        Frames.end(out, start);
    }

    public static long readPing(ByteBuf in) {
        long nonce = Wire.readLong(in, "ping nonce");
        Wire.expectEnd(in, "PING");
        return nonce;
    }

    public static void writePong(ByteBuf out, Pong pong) {
        int start = Frames.begin(out, FrameType.PONG, 0);
        out.writeLong(pong.nonce());
        Wire.writeString(out, pong.hung());
        Frames.end(out, start);
    }

    public static Pong readPong(ByteBuf in) {
        Pong pong = new Pong(Wire.readLong(in, "pong nonce"), Wire.readString(in, "hang report"));
        Wire.expectEnd(in, "PONG");
        return pong;
    }

    public static void writeFile(ByteBuf out, int stream, FileRegion region) {
        int start = Frames.begin(out, FrameType.RESPONSE_FILE, stream);
        out.writeLong(region.offset()).writeLong(region.length());
        Wire.writeString(out, region.file().toString());
        Frames.end(out, start);
    }

    public static FileRegion readFile(ByteBuf in) {
        long offset = Wire.readLong(in, "file offset");
        long length = Wire.readLong(in, "file length");
        String file = Wire.readRequiredString(in, "file path");
        Wire.expectEnd(in, "RESPONSE_FILE");
        if (offset < 0 || length < 0) {
            throw new FrameException("RESPONSE_FILE region " + offset + "+" + length + " is negative");
        }
        Path path = Path.of(file);
        if (!path.isAbsolute()) {
            throw new FrameException("RESPONSE_FILE path '" + file + "' is not absolute");
        }
        return new FileRegion(path, offset, length);
    }

    /** Reads a WINDOW payload: the credit increment, which must be positive. */
    public static int readWindow(ByteBuf in) {
        int increment = Wire.readInt(in, "window increment");
        Wire.expectEnd(in, "WINDOW");
        if (increment <= 0) {
            throw new FrameException("WINDOW increment " + increment + " is not positive");
        }
        return increment;
    }

    /** Reads an ABORT or GOAWAY payload: the reason. */
    public static String readReason(ByteBuf in, String frame) {
        String reason = Wire.readString(in, frame + " reason");
        Wire.expectEnd(in, frame);
        return reason == null ? "" : reason;
    }
}
