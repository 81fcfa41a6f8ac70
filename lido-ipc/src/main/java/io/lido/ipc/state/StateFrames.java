package io.lido.ipc.state;

import io.lido.ipc.frame.FrameException;
import io.lido.ipc.frame.FrameType;
import io.lido.ipc.frame.Frames;
import io.lido.ipc.frame.Wire;
import io.netty.buffer.ByteBuf;

import java.time.Duration;

/**
 * The StateServer frames between a worker and the host (docs/ipc.md, "StateServer frames"): STATE_ACQUIRE,
 * STATE_CREATE and STATE_RELEASE from the worker, STATE_REPLY from the host, all on stream 0 and matched by a
 * request id the worker picks. Reading checks every field: a malformed frame is a {@link FrameException}.
 */
public final class StateFrames {
    private static final int GRANTED = 0;
    private static final int MISSING = 1;
    private static final int DONE = 2;
    private static final int FAILED = 3;
    private static final int ABANDON = 1;

    private StateFrames() {
    }

    /** A worker's request. */
    public sealed interface Request {
        long request();

        String applicationKey();

        String sessionId();
    }

    /** STATE_ACQUIRE. */
    public record Acquire(long request, String applicationKey, String sessionId, boolean exclusive, Duration maxWait,
                          Duration lockTimeout) implements Request {
    }

    /** STATE_CREATE. */
    public record Create(long request, String applicationKey, String sessionId, boolean exclusive, Duration timeout,
                         Duration lockTimeout) implements Request {
    }

    /** STATE_RELEASE; {@code items} null keeps the stored ones. */
    public record Release(long request, String applicationKey, String sessionId, long lockId, byte[] items,
                          Duration timeout, boolean abandon) implements Request {
    }

    /** The host's answer. */
    public sealed interface Reply {
        long request();
    }

    /** A lock granted (acquire, create). */
    public record Granted(long request, StateGrant grant) implements Reply {
    }

    /** Acquire: no such session. */
    public record Missing(long request) implements Reply {
    }

    /** Release done. */
    public record Done(long request) implements Reply {
    }

    /** The request failed; the worker rethrows it as a {@link StateException} of that kind. */
    public record Failed(long request, StateException.Kind kind, String message) implements Reply {
    }

    public static void write(ByteBuf out, Request request) {
        FrameType type = switch (request) {
            case Acquire a -> FrameType.STATE_ACQUIRE;
            case Create c -> FrameType.STATE_CREATE;
            case Release r -> FrameType.STATE_RELEASE;
        };
        int start = Frames.begin(out, type, 0);
        out.writeLong(request.request());
        Wire.writeString(out, request.applicationKey());
        Wire.writeString(out, request.sessionId());
        switch (request) {
            case Acquire a -> out.writeByte(a.exclusive() ? 1 : 0).writeLong(a.maxWait().toMillis())
                    .writeLong(a.lockTimeout().toMillis());
            case Create c -> out.writeByte(c.exclusive() ? 1 : 0).writeLong(c.timeout().toMillis())
                    .writeLong(c.lockTimeout().toMillis());
            case Release r -> {
                out.writeLong(r.lockId()).writeByte(r.abandon() ? ABANDON : 0).writeLong(r.timeout().toMillis());
                writeBytes(out, r.items());
            }
        }
        Frames.end(out, start);
    }

    /** Reads the payload of a STATE_ACQUIRE, STATE_CREATE or STATE_RELEASE frame. */
    public static Request readRequest(FrameType type, ByteBuf in) {
        long request = Wire.readLong(in, "state request id");
        String application = Wire.readRequiredString(in, "state application key");
        String session = Wire.readRequiredString(in, "state session id");
        Request read = switch (type) {
            case STATE_ACQUIRE -> new Acquire(request, application, session, flag(in), millis(in, "wait"),
                    millis(in, "lock timeout"));
            case STATE_CREATE -> new Create(request, application, session, flag(in), millis(in, "session timeout"),
                    millis(in, "lock timeout"));
            case STATE_RELEASE -> {
                long lockId = Wire.readLong(in, "state lock id");
                int flags = Wire.readByte(in, "state release flags");
                if ((flags & ~ABANDON) != 0) {
                    throw new FrameException("STATE_RELEASE flags " + flags + " has unknown bits");
                }
                Duration timeout = millis(in, "session timeout");
                yield new Release(request, application, session, lockId, readBytes(in), timeout,
                        (flags & ABANDON) != 0);
            }
            default -> throw new FrameException(type + " is not a StateServer request");
        };
        Wire.expectEnd(in, type.name());
        return read;
    }

    public static void write(ByteBuf out, Reply reply) {
        int start = Frames.begin(out, FrameType.STATE_REPLY, 0);
        out.writeLong(reply.request());
        switch (reply) {
            case Granted g -> {
                StateGrant grant = g.grant();
                out.writeByte(GRANTED);
                Wire.writeString(out, grant.sessionId());
                out.writeLong(grant.lockId()).writeByte(grant.exclusive() ? 1 : 0).writeByte(grant.isNew() ? 1 : 0)
                        .writeLong(grant.timeout().toMillis());
                writeBytes(out, grant.items());
            }
            case Missing m -> out.writeByte(MISSING);
            case Done d -> out.writeByte(DONE);
            case Failed f -> {
                out.writeByte(FAILED).writeByte(f.kind().code());
                Wire.writeString(out, f.message());
            }
        }
        Frames.end(out, start);
    }

    /** Reads a STATE_REPLY payload. */
    public static Reply readReply(ByteBuf in) {
        long request = Wire.readLong(in, "state request id");
        int status = Wire.readByte(in, "state reply status");
        Reply reply = switch (status) {
            case GRANTED -> {
                String session = Wire.readRequiredString(in, "state session id");
                long lockId = Wire.readLong(in, "state lock id");
                boolean exclusive = flag(in);
                boolean isNew = flag(in);
                Duration timeout = millis(in, "session timeout");
                byte[] items = readBytes(in);
                if (items == null) {
                    throw new FrameException("STATE_REPLY grant without items");
                }
                yield new Granted(request, new StateGrant(session, lockId, exclusive, items, timeout, isNew));
            }
            case MISSING -> new Missing(request);
            case DONE -> new Done(request);
            case FAILED -> {
                int code = Wire.readByte(in, "state failure kind");
                StateException.Kind kind = StateException.Kind.of(code);
                if (kind == null) {
                    throw new FrameException("STATE_REPLY failure kind " + code + " is unknown");
                }
                String message = Wire.readString(in, "state failure message");
                yield new Failed(request, kind, message == null ? "" : message);
            }
            default -> throw new FrameException("STATE_REPLY status " + status + " is unknown");
        };
        Wire.expectEnd(in, "STATE_REPLY");
        return reply;
    }

    private static boolean flag(ByteBuf in) {
        int value = Wire.readByte(in, "state flag");
        if (value > 1) {
            throw new FrameException("state flag byte " + value + " is not 0 or 1");
        }
        return value == 1;
    }

    private static Duration millis(ByteBuf in, String field) {
        long value = Wire.readLong(in, field);
        if (value < 0) {
            throw new FrameException(field + " " + value + " ms is negative");
        }
        return Duration.ofMillis(value);
    }

    /** A 4-byte length (-1 for null) and the bytes. */
    private static void writeBytes(ByteBuf out, byte[] bytes) {
        if (bytes == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(bytes.length).writeBytes(bytes);
        }
    }

    private static byte[] readBytes(ByteBuf in) {
        int length = Wire.readInt(in, "state items length");
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > in.readableBytes()) {
            throw new FrameException("state items length " + length + " but " + in.readableBytes()
                    + " bytes left in the frame");
        }
        byte[] bytes = new byte[length];
        in.readBytes(bytes);
        return bytes;
    }
}
