package io.lido.ipc;

import java.io.IOException;

/**
 * The request body as a blocking stream of bytes. The listener pushes what it reads from the socket;
 * the runtime pulls on its own (virtual) thread. Reading applies back-pressure: the listener stops
 * reading from the socket while the runtime has not consumed what it already has.
 */
public interface RequestBody {

    /** A body with no bytes. */
    RequestBody EMPTY = new RequestBody() {
        @Override
        public int read(byte[] buffer, int offset, int length) {
            return -1;
        }
    };

    /**
     * Reads up to {@code length} bytes, blocking until at least one is available.
     *
     * @return the number of bytes read, or -1 at the end of the body
     * @throws IOException when the client went away or the body was malformed
     */
    int read(byte[] buffer, int offset, int length) throws IOException;
}
