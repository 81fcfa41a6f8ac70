package io.lido.listener.connection;

import io.lido.ipc.HeaderList;
import io.lido.listener.codec.Rejection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.charset.StandardCharsets;

/**
 * The short HTML page HTTP.sys-style errors carry ("Bad Request - Invalid Hostname"), always with
 * {@code Connection: close}: after an error the listener no longer trusts the framing of the stream.
 */
final class ErrorResponse {
    private ErrorResponse() {
    }

    static ByteBuf encode(ByteBufAllocator alloc, Rejection rejection, boolean headOnly) {
        return encode(alloc, rejection.status(), rejection.subStatus(), rejection.title(), headOnly);
    }

    static ByteBuf encode(ByteBufAllocator alloc, int status, String title, boolean headOnly) {
        return encode(alloc, status, 0, title, headOnly);
    }

    private static ByteBuf encode(ByteBufAllocator alloc, int status, int subStatus, String title, boolean headOnly) {
        String safeTitle = title.replace("&", "&amp;").replace("<", "&lt;");
        String code = subStatus == 0 ? String.valueOf(status) : status + "." + subStatus;
        byte[] body = ("<!DOCTYPE html>\r\n<html><head><title>" + safeTitle + "</title></head>\r\n<body><h2>"
                + safeTitle + "</h2>\r\n<hr><p>HTTP Error " + code + ". " + safeTitle
                + "</p>\r\n</body></html>\r\n").getBytes(StandardCharsets.US_ASCII);
        HeaderList headers = new HeaderList(2)
                .add("Content-Type", "text/html; charset=us-ascii")
                .add("Content-Length", String.valueOf(body.length));
        ByteBuf buf = alloc.buffer(256 + body.length);
        ResponseEncoder.statusLine(buf, status, null);
        ResponseEncoder.fields(buf, headers, false, false, true, false);
        if (!headOnly) {
            buf.writeBytes(body);
        }
        return buf;
    }
}
