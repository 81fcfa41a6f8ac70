package io.lido.ipc.frame;

import io.netty.buffer.ByteBuf;

import java.util.Objects;

/**
 * RECYCLE_APP payloads ({@code lido recycle app SITE/PATH} for an out-of-process pool, docs/ipc.md): the
 * host asks a worker to restart one application's domain, and the worker answers on the same frame type
 * with the outcome, matched by request id.
 */
public final class RecycleCodec {
    private RecycleCodec() {
    }

    /** host → worker: restart the domain of that application. */
    public record Request(long requestId, long siteId, String applicationPath) {
        public Request {
            Objects.requireNonNull(applicationPath, "applicationPath");
        }
    }

    /** What the worker did. */
    public enum Status {
        /** A new domain started and serves. */
        RESTARTED,
        /** This worker hosts no such application. */
        NOT_HOSTED,
        /** The new domain failed to start (the previous one keeps serving); the message says why. */
        FAILED
    }

    /** worker → host: the outcome of one request. */
    public record Reply(long requestId, Status status, String message) {
        public Reply {
            Objects.requireNonNull(status, "status");
        }
    }

    public static void writeRequest(ByteBuf out, Request request) {
        int start = Frames.begin(out, FrameType.RECYCLE_APP, 0);
        out.writeLong(request.requestId()).writeLong(request.siteId());
        Wire.writeString(out, request.applicationPath());
        Frames.end(out, start);
    }

    public static Request readRequest(ByteBuf in) {
        long id = Wire.readLong(in, "recycle request id");
        long site = Wire.readLong(in, "site id");
        String path = Wire.readRequiredString(in, "application path");
        Wire.expectEnd(in, "RECYCLE_APP");
        if (!path.startsWith("/")) {
            throw new FrameException("RECYCLE_APP application path '" + path + "' does not start with /");
        }
        return new Request(id, site, path);
    }

    public static void writeReply(ByteBuf out, Reply reply) {
        int start = Frames.begin(out, FrameType.RECYCLE_APP, 0);
        out.writeLong(reply.requestId()).writeByte(reply.status().ordinal());
        Wire.writeString(out, reply.message());
        Frames.end(out, start);
    }

    public static Reply readReply(ByteBuf in) {
        long id = Wire.readLong(in, "recycle request id");
        int code = Wire.readByte(in, "recycle status");
        String message = Wire.readString(in, "recycle message");
        Wire.expectEnd(in, "RECYCLE_APP");
        Status[] statuses = Status.values();
        if (code >= statuses.length) {
            throw new FrameException("RECYCLE_APP status " + code + " is unknown");
        }
        return new Reply(id, statuses[code], message);
    }
}
