package io.lido.modules.fastcgi;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.lido.modules.fastcgi.FastCgiRecords.ABORT_REQUEST;
import static io.lido.modules.fastcgi.FastCgiRecords.BEGIN_REQUEST;
import static io.lido.modules.fastcgi.FastCgiRecords.HEADER_LENGTH;
import static io.lido.modules.fastcgi.FastCgiRecords.MAX_CONTENT;
import static io.lido.modules.fastcgi.FastCgiRecords.PARAMS;
import static io.lido.modules.fastcgi.FastCgiRecords.STDIN;
import static io.lido.modules.fastcgi.FastCgiRecords.VERSION_1;

/**
 * Writes the records of the web server's side of a FastCGI connection (BEGIN_REQUEST, PARAMS, STDIN,
 * ABORT_REQUEST) into an unbuffered stream, through a buffer of its own that {@link #flush()} sends. Content longer
 * than a record holds (65,535 bytes) is split; content is padded to a multiple of 8 as the specification recommends.
 * One thread at a time.
 */
final class FastCgiWriter {
    private static final byte[] PADDING = new byte[8];
    private final OutputStream out;
    private final byte[] buffer = new byte[16 * 1024];
    private int count;

    FastCgiWriter(OutputStream out) {
        this.out = out;
    }

    /** BEGIN_REQUEST for the responder role; {@code keepConnection}: the application must not close afterwards. */
    void beginRequest(int requestId, boolean keepConnection) throws IOException {
        header(BEGIN_REQUEST, requestId, 8, 0);
        byte[] body = {0, (byte) FastCgiRecords.ROLE_RESPONDER, (byte) (keepConnection ? FastCgiRecords.FLAG_KEEP_CONN : 0),
                0, 0, 0, 0, 0};
        bytes(body, 0, body.length);
    }

    /** The name-value pairs as PARAMS records, then the empty PARAMS record that ends the stream. */
    void params(int requestId, Map<String, String> params) throws IOException {
        byte[] encoded = encode(params);
        stream(PARAMS, requestId, encoded, 0, encoded.length);
        header(PARAMS, requestId, 0, 0);
    }

    /** Request body bytes as STDIN records (nothing for length 0: an empty STDIN record ends the stream). */
    void stdin(int requestId, byte[] data, int offset, int length) throws IOException {
        stream(STDIN, requestId, data, offset, length);
    }

    /** The empty STDIN record: the request body is complete. */
    void endStdin(int requestId) throws IOException {
        header(STDIN, requestId, 0, 0);
    }

    void abortRequest(int requestId) throws IOException {
        header(ABORT_REQUEST, requestId, 0, 0);
    }

    /** Sends what is buffered. */
    void flush() throws IOException {
        if (count > 0) {
            out.write(buffer, 0, count);
            count = 0;
        }
        out.flush();
    }

    private void stream(int type, int requestId, byte[] data, int offset, int length) throws IOException {
        int position = offset;
        int end = offset + length;
        while (position < end) {
            int chunk = Math.min(MAX_CONTENT, end - position);
            int padding = (8 - (chunk & 7)) & 7;
            header(type, requestId, chunk, padding);
            bytes(data, position, chunk);
            bytes(PADDING, 0, padding);
            position += chunk;
        }
    }

    private void header(int type, int requestId, int contentLength, int paddingLength) throws IOException {
        byte[] header = {(byte) VERSION_1, (byte) type, (byte) (requestId >> 8), (byte) requestId,
                (byte) (contentLength >> 8), (byte) contentLength, (byte) paddingLength, 0};
        bytes(header, 0, HEADER_LENGTH);
    }

    private void bytes(byte[] data, int offset, int length) throws IOException {
        if (length > buffer.length - count) {
            flushBuffer();
            if (length > buffer.length) {
                out.write(data, offset, length);
                return;
            }
        }
        System.arraycopy(data, offset, buffer, count, length);
        count += length;
    }

    private void flushBuffer() throws IOException {
        if (count > 0) {
            out.write(buffer, 0, count);
            count = 0;
        }
    }

    /** Name-value pairs (§3.4): each length in 1 byte below 128, else in 4 bytes with the high bit set. */
    static byte[] encode(Map<String, String> params) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(2048);
        for (Map.Entry<String, String> entry : params.entrySet()) {
            byte[] name = entry.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] value = entry.getValue().getBytes(StandardCharsets.UTF_8);
            length(out, name.length);
            length(out, value.length);
            out.writeBytes(name);
            out.writeBytes(value);
        }
        return out.toByteArray();
    }

    private static void length(java.io.ByteArrayOutputStream out, int length) {
        if (length < 128) {
            out.write(length);
        } else {
            out.write((length >>> 24) | 0x80);
            out.write(length >>> 16);
            out.write(length >>> 8);
            out.write(length);
        }
    }
}
