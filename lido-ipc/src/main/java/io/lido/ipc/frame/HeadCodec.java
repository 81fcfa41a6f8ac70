package io.lido.ipc.frame;

import io.lido.ipc.HeaderList;
import io.lido.ipc.RequestHead;
import io.lido.ipc.ResponseHead;
import io.lido.ipc.TlsDetails;
import io.netty.buffer.ByteBuf;

/** Encodes the payloads of REQUEST_HEAD and RESPONSE_HEAD frames (field order in docs/ipc.md). */
public final class HeadCodec {
    /** No real request has more fields; a bigger count is a lie that would make us allocate. */
    private static final int MAX_FIELDS = 10_000;

    private HeadCodec() {
    }

    /** Writes a whole REQUEST_HEAD frame. */
    public static void writeRequestHead(ByteBuf out, int stream, RequestHead head) {
        int start = Frames.begin(out, FrameType.REQUEST_HEAD, stream);
        out.writeLong(head.id());
        Wire.writeString(out, head.method());
        Wire.writeString(out, head.rawTarget());
        Wire.writeString(out, head.path());
        Wire.writeString(out, head.query());
        out.writeByte(head.httpMinorVersion());
        writeHeaders(out, head.headers());
        Wire.writeString(out, head.remoteAddress());
        out.writeInt(head.remotePort());
        Wire.writeString(out, head.localAddress());
        out.writeInt(head.localPort());
        out.writeByte(head.secure() ? 1 : 0);
        out.writeLong(head.siteId());
        Wire.writeString(out, head.siteName());
        Wire.writeString(out, head.applicationPath());
        out.writeLong(head.contentLength());
        TlsDetails tls = head.tls();
        Wire.writeString(out, tls.protocol());
        Wire.writeString(out, tls.cipherSuite());
        out.writeInt(tls.keySize());
        Wire.writeString(out, tls.serverSubject());
        Wire.writeString(out, tls.serverIssuer());
        Frames.end(out, start);
    }

    /** Reads a REQUEST_HEAD payload. */
    public static RequestHead readRequestHead(ByteBuf in) {
        long id = Wire.readLong(in, "request id");
        String method = Wire.readRequiredString(in, "method");
        String rawTarget = Wire.readRequiredString(in, "raw target");
        String path = Wire.readRequiredString(in, "path");
        String query = Wire.readRequiredString(in, "query");
        int minor = Wire.readByte(in, "HTTP minor version");
        HeaderList headers = readHeaders(in);
        String remoteAddress = Wire.readRequiredString(in, "remote address");
        int remotePort = Wire.readInt(in, "remote port");
        String localAddress = Wire.readRequiredString(in, "local address");
        int localPort = Wire.readInt(in, "local port");
        boolean secure = Wire.readByte(in, "secure") != 0;
        long siteId = Wire.readLong(in, "site id");
        String siteName = Wire.readRequiredString(in, "site name");
        String applicationPath = Wire.readRequiredString(in, "application path");
        long contentLength = Wire.readLong(in, "content length");
        TlsDetails tls = new TlsDetails(Wire.readRequiredString(in, "TLS protocol"),
                Wire.readRequiredString(in, "TLS cipher suite"), Wire.readInt(in, "TLS key size"),
                Wire.readRequiredString(in, "TLS server subject"), Wire.readRequiredString(in, "TLS server issuer"));
        Wire.expectEnd(in, "REQUEST_HEAD");
        return new RequestHead(id, method, rawTarget, path, query, minor, headers, remoteAddress, remotePort,
                localAddress, localPort, secure, siteId, siteName, applicationPath, contentLength,
                tls.protocol().isEmpty() ? TlsDetails.NONE : tls);
    }

    /** Writes a whole RESPONSE_HEAD frame. */
    public static void writeResponseHead(ByteBuf out, int stream, ResponseHead head) {
        int start = Frames.begin(out, FrameType.RESPONSE_HEAD, stream);
        out.writeShort(head.status());
        out.writeShort(head.subStatus());
        Wire.writeString(out, head.reason());
        writeHeaders(out, head.headers());
        Wire.writeString(out, head.user());
        Frames.end(out, start);
    }

    /** Reads a RESPONSE_HEAD payload. */
    public static ResponseHead readResponseHead(ByteBuf in) {
        int status = Wire.readInt(in, "status and substatus");
        String reason = Wire.readString(in, "reason");
        HeaderList headers = readHeaders(in);
        String user = Wire.readString(in, "user");
        Wire.expectEnd(in, "RESPONSE_HEAD");
        return new ResponseHead(status >>> 16, status & 0xFFFF, reason, headers, user);
    }

    private static void writeHeaders(ByteBuf out, HeaderList headers) {
        int n = headers.size();
        out.writeInt(n);
        for (int i = 0; i < n; i++) {
            Wire.writeString(out, headers.name(i));
            Wire.writeString(out, headers.value(i));
        }
    }

    private static HeaderList readHeaders(ByteBuf in) {
        int n = Wire.readInt(in, "header count");
        if (n < 0 || n > MAX_FIELDS) {
            throw new FrameException("header count " + n + " is out of range 0.." + MAX_FIELDS);
        }
        HeaderList headers = new HeaderList(n);
        for (int i = 0; i < n; i++) {
            headers.add(Wire.readRequiredString(in, "header name"), Wire.readRequiredString(in, "header value"));
        }
        return headers;
    }
}
