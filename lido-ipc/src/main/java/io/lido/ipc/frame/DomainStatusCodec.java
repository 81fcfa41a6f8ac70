package io.lido.ipc.frame;

import io.lido.ipc.DomainStatus;
import io.netty.buffer.ByteBuf;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * APP_STATUS payloads ({@code lido list app} for an out-of-process pool, docs/ipc.md): the host asks a worker
 * for the domain state of every application it hosts, and the worker answers on the same frame type, matched
 * by request id.
 */
public final class DomainStatusCodec {
    /** More applications than any pool has: a count above it is a lying peer, not a big pool. */
    static final int MAX_APPLICATIONS = 100_000;

    private DomainStatusCodec() {
    }

    /** One application of the worker and its domains. */
    public record Application(long siteId, String applicationPath, DomainStatus status) {
        public Application {
            Objects.requireNonNull(applicationPath, "applicationPath");
            Objects.requireNonNull(status, "status");
        }
    }

    /** worker → host: the answer to one request. */
    public record Reply(long requestId, List<Application> applications) {
        public Reply {
            applications = List.copyOf(applications);
        }
    }

    public static void writeRequest(ByteBuf out, long requestId) {
        int start = Frames.begin(out, FrameType.APP_STATUS, 0);
        out.writeLong(requestId);
        Frames.end(out, start);
    }

    public static long readRequest(ByteBuf in) {
        long id = Wire.readLong(in, "status request id");
        Wire.expectEnd(in, "APP_STATUS");
        return id;
    }

    public static void writeReply(ByteBuf out, Reply reply) {
        int start = Frames.begin(out, FrameType.APP_STATUS, 0);
        out.writeLong(reply.requestId()).writeInt(reply.applications().size());
        for (Application app : reply.applications()) {
            out.writeLong(app.siteId());
            Wire.writeString(out, app.applicationPath());
            DomainStatus status = app.status();
            Wire.writeString(out, status.state());
            out.writeInt(status.servingGeneration());
            DomainStatus.DomainStart last = status.lastStart();
            out.writeByte(last == null ? 0 : 1);
            if (last != null) {
                out.writeInt(last.generation());
                Wire.writeString(out, last.reason());
                out.writeLong(last.at().toEpochMilli());
                Wire.writeString(out, last.error());
            }
        }
        Frames.end(out, start);
    }

    public static Reply readReply(ByteBuf in) {
        long id = Wire.readLong(in, "status request id");
        int count = Wire.readInt(in, "application count");
        if (count < 0 || count > MAX_APPLICATIONS) {
            throw new FrameException("APP_STATUS application count " + count + " is out of range");
        }
        List<Application> applications = new ArrayList<>(Math.min(count, 64));
        for (int i = 0; i < count; i++) {
            long site = Wire.readLong(in, "site id");
            String path = Wire.readRequiredString(in, "application path");
            if (!path.startsWith("/")) {
                throw new FrameException("APP_STATUS application path '" + path + "' does not start with /");
            }
            String state = Wire.readRequiredString(in, "domain state");
            int serving = Wire.readInt(in, "serving generation");
            DomainStatus.DomainStart last = null;
            int hasLast = Wire.readByte(in, "last start flag");
            if (hasLast > 1) {
                throw new FrameException("APP_STATUS last start flag " + hasLast + " is neither 0 nor 1");
            }
            if (hasLast == 1) {
                int generation = Wire.readInt(in, "last start generation");
                String reason = Wire.readRequiredString(in, "last start reason");
                Instant at = Instant.ofEpochMilli(Wire.readLong(in, "last start time"));
                last = new DomainStatus.DomainStart(generation, reason, at, Wire.readString(in, "last start error"));
            }
            applications.add(new Application(site, path, new DomainStatus(state, serving, last)));
        }
        Wire.expectEnd(in, "APP_STATUS");
        return new Reply(id, applications);
    }
}
