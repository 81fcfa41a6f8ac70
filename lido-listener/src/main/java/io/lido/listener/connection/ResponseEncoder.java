package io.lido.listener.connection;

import io.lido.ipc.HeaderList;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * Writes HTTP/1.1 response heads into a buffer. Header names and values come from the runtime and may
 * hold user input, so CR, LF and NUL are refused here: one header can never become two (response
 * splitting).
 */
final class ResponseEncoder {
    private static final byte[] CRLF = {'\r', '\n'};
    /** ": " as one big-endian short: one bounds check instead of two. */
    private static final int COLON_SPACE = (':' << 8) | ' ';
    private static final byte[] HTTP_1_1 = {'H', 'T', 'T', 'P', '/', '1', '.', '1', ' '};
    private static final byte[] SERVER = "Server: Lido\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "Connection: close\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEEP_ALIVE =
            "Connection: keep-alive\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHUNKED =
            "Transfer-Encoding: chunked\r\n".getBytes(StandardCharsets.US_ASCII);

    private ResponseEncoder() {
    }

    /** "HTTP/1.1 NNN Reason\r\n" with the standard reason, for the statuses of RFC 9110's range. */
    private static final byte[][] STANDARD_STATUS_LINES = new byte[600][];

    static {
        for (int status = 100; status < STANDARD_STATUS_LINES.length; status++) {
            STANDARD_STATUS_LINES[status] = ("HTTP/1.1 " + status + " " + StatusText.of(status) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
        }
    }

    static void statusLine(ByteBuf buf, int status, String reason) {
        if (reason == null && status >= 100 && status < STANDARD_STATUS_LINES.length) {
            buf.writeBytes(STANDARD_STATUS_LINES[status]);
            return;
        }
        buf.writeBytes(HTTP_1_1);
        buf.writeByte('0' + status / 100).writeByte('0' + status / 10 % 10).writeByte('0' + status % 10).writeByte(' ');
        text(buf, reason == null ? StatusText.of(status) : reason, "reason phrase");
        buf.writeBytes(CRLF);
    }

    /**
     * Writes the application's fields (except the hop-by-hop ones the listener owns), then Date and
     * Server when absent, then the connection and framing fields.
     */
    static void fields(ByteBuf buf, HeaderList headers, boolean dropContentLength, boolean chunked,
                       boolean close, boolean keepAlive10) {
        boolean date = false;
        boolean server = false;
        for (int i = 0, n = headers.size(); i < n; i++) {
            String name = headers.name(i);
            // Dispatch on the length first: most names match none of these, and then cost no comparison.
            switch (name.length()) {
                case 4 -> date |= name.equalsIgnoreCase("Date");
                case 6 -> server |= name.equalsIgnoreCase("Server");
                case 10 -> {
                    if (name.equalsIgnoreCase("Connection") || name.equalsIgnoreCase("Keep-Alive")) {
                        continue;
                    }
                }
                case 14 -> {
                    if (dropContentLength && name.equalsIgnoreCase("Content-Length")) {
                        continue;
                    }
                }
                case 17 -> {
                    if (name.equalsIgnoreCase("Transfer-Encoding")) {
                        continue;
                    }
                }
                default -> { }
            }
            field(buf, name, headers.value(i));
        }
        if (!date) {
            buf.writeBytes(HttpDate.fieldLine());
        }
        if (!server) {
            buf.writeBytes(SERVER);
        }
        if (close) {
            buf.writeBytes(CLOSE);
        } else if (keepAlive10) {
            buf.writeBytes(KEEP_ALIVE);
        }
        if (chunked) {
            buf.writeBytes(CHUNKED);
        }
        buf.writeBytes(CRLF);
    }

    static void field(ByteBuf buf, String name, String value) {
        text(buf, name, "header name");
        buf.writeShort(COLON_SPACE);
        text(buf, value, "value of " + name);
        buf.writeBytes(CRLF);
    }

    /** Checks the whole text first, then copies it in one bulk write instead of a bounds-checked write per byte. */
    private static void text(ByteBuf buf, String s, String what) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || c > 0xff) {
                throw new IllegalArgumentException("response " + what + " contains an invalid character U+%04X"
                        .formatted((int) c));
            }
        }
        buf.writeCharSequence(s, StandardCharsets.ISO_8859_1);
    }

    /** The listener's answer to {@code OPTIONS *}: which methods the server accepts at all. */
    static ByteBuf serverOptions(io.netty.buffer.ByteBufAllocator alloc, boolean close, boolean keepAlive10) {
        ByteBuf buf = alloc.buffer(160);
        statusLine(buf, 200, null);
        fields(buf, new HeaderList(2).add("Allow", "OPTIONS, GET, HEAD, POST").add("Content-Length", "0"), false,
                false, close, keepAlive10);
        return buf;
    }

    /** The chunk-size line of a chunk of {@code length} bytes. */
    static void chunkHeader(ByteBuf buf, long length) {
        buf.writeCharSequence(Long.toHexString(length), StandardCharsets.US_ASCII);
        buf.writeBytes(CRLF);
    }

    static void crlf(ByteBuf buf) {
        buf.writeBytes(CRLF);
    }
}
