package io.lido.ipc.frame;

import io.lido.ipc.ExecutingRequest;
import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;

/**
 * REQUEST_LIST payloads ({@code lido list request} for an out-of-process pool, docs/ipc.md): the host asks a
 * worker for the requests it executes that have run at least {@code minElapsedMillis}, and the worker answers on
 * the same frame type, matched by request id. A reply fits one frame: the worker puts in the longest-running
 * requests first and counts those that did not fit as {@code omitted}.
 */
public final class RequestListCodec {
    /** Where a reply stops adding requests, well under {@link Frames#MAX_PAYLOAD}. */
    static final int REPLY_BUDGET = Frames.MAX_PAYLOAD - 16 * 1024;
    /** A URL longer than this is cut in a reply: an operator reads the start of it. */
    static final int MAX_URL = 2048;

    private RequestListCodec() {
    }

    /** worker → host: the answer to one request. */
    public record Reply(long requestId, List<ExecutingRequest> requests, int omitted) {
        public Reply {
            requests = List.copyOf(requests);
        }
    }

    public static void writeRequest(ByteBuf out, long requestId, long minElapsedMillis) {
        int start = Frames.begin(out, FrameType.REQUEST_LIST, 0);
        out.writeLong(requestId).writeLong(minElapsedMillis);
        Frames.end(out, start);
    }

    /** The host's question: its id, and the least elapsed time a listed request has. */
    public record Request(long requestId, long minElapsedMillis) {
    }

    public static Request readRequest(ByteBuf in) {
        long id = Wire.readLong(in, "request list id");
        long min = Wire.readLong(in, "minimum elapsed time");
        Wire.expectEnd(in, "REQUEST_LIST");
        return new Request(id, min);
    }

    /**
     * Writes the reply with as many of {@code requests} (longest-running first, as the caller sorted them) as fit.
     */
    public static void writeReply(ByteBuf out, long requestId, List<ExecutingRequest> requests) {
        int start = Frames.begin(out, FrameType.REQUEST_LIST, 0);
        out.writeLong(requestId);
        int countAt = out.writerIndex();
        out.writeInt(0).writeInt(0);
        int written = 0;
        for (ExecutingRequest r : requests) {
            if (out.writerIndex() - start > REPLY_BUDGET) {
                break;
            }
            out.writeLong(r.requestId()).writeLong(r.siteId());
            Wire.writeString(out, r.applicationPath());
            Wire.writeString(out, r.verb());
            Wire.writeString(out, r.url().length() > MAX_URL ? r.url().substring(0, MAX_URL) : r.url());
            Wire.writeString(out, r.client());
            out.writeLong(r.elapsedMillis());
            Wire.writeString(out, r.stage());
            Wire.writeString(out, r.module());
            written++;
        }
        out.setInt(countAt, written).setInt(countAt + 4, requests.size() - written);
        Frames.end(out, start);
    }

    public static Reply readReply(ByteBuf in) {
        long id = Wire.readLong(in, "request list id");
        int count = Wire.readInt(in, "request count");
        int omitted = Wire.readInt(in, "omitted request count");
        // Each entry takes at least 48 bytes: a count beyond what is left is a lying peer.
        if (count < 0 || omitted < 0 || count > in.readableBytes() / 48) {
            throw new FrameException("REQUEST_LIST request count " + count + " (omitted " + omitted + ") is out of range");
        }
        List<ExecutingRequest> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long requestId = Wire.readLong(in, "request id");
            long siteId = Wire.readLong(in, "site id");
            String path = Wire.readRequiredString(in, "application path");
            if (!path.startsWith("/")) {
                throw new FrameException("REQUEST_LIST application path '" + path + "' does not start with /");
            }
            String verb = Wire.readRequiredString(in, "verb");
            String url = Wire.readRequiredString(in, "url");
            String client = Wire.readRequiredString(in, "client");
            long elapsed = Wire.readLong(in, "elapsed time");
            String stage = Wire.readRequiredString(in, "stage");
            String module = Wire.readRequiredString(in, "module");
            requests.add(new ExecutingRequest(requestId, siteId, path, verb, url, client, elapsed, stage, module));
        }
        Wire.expectEnd(in, "REQUEST_LIST");
        return new Reply(id, requests, omitted);
    }
}
