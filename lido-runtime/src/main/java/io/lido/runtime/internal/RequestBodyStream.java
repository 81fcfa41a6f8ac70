package io.lido.runtime.internal;

import io.lido.ipc.RequestBody;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/** The request body as an {@link InputStream} over the listener's {@link RequestBody}. */
final class RequestBodyStream extends InputStream {
    private final RequestBody body;
    private boolean ended;

    RequestBodyStream(RequestBody body) {
        this.body = body;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (ended) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        int n = body.read(buffer, offset, length);
        if (n < 0) {
            ended = true;
        }
        return n;
    }
}
