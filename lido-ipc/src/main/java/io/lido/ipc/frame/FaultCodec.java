package io.lido.ipc.frame;

import io.netty.buffer.ByteBuf;

import java.util.Objects;

/**
 * FAULT payloads (worker → host, docs/ipc.md): the worker tells the host why it is about to fail, while it still
 * can, so that the host knows which request caused it (that one is not replayed on another worker) and what to do
 * with the worker. On the stream of the request that caused it, or on stream 0 when no request did.
 */
public final class FaultCodec {
    private FaultCodec() {
    }

    /** What went wrong. */
    public enum Kind {
        /** The health check found this request in application code with no progress beyond the stall limit. */
        HUNG,
        /** The application called {@code System.exit}: on this request's thread, or (stream 0) on another one. */
        EXIT,
        /** The JVM threw OutOfMemoryError: the worker asks to be replaced (an overlapped recycle). */
        OUT_OF_MEMORY
    }

    /** One fault; {@code detail} is for the host's log (the status passed to exit, the hang report...). */
    public record Fault(Kind kind, String detail) {
        public Fault {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(detail, "detail");
        }
    }

    public static void write(ByteBuf out, int stream, Fault fault) {
        int start = Frames.begin(out, FrameType.FAULT, stream);
        out.writeByte(fault.kind().ordinal());
        Wire.writeString(out, fault.detail());
        Frames.end(out, start);
    }

    public static Fault read(ByteBuf in) {
        int code = Wire.readByte(in, "fault kind");
        String detail = Wire.readRequiredString(in, "fault detail");
        Wire.expectEnd(in, "FAULT");
        Kind[] kinds = Kind.values();
        if (code >= kinds.length) {
            throw new FrameException("FAULT kind " + code + " is unknown");
        }
        return new Fault(kinds[code], detail);
    }
}
