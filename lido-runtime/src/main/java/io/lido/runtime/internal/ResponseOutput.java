package io.lido.runtime.internal;

import io.lido.ipc.ResponseChannel;

import java.nio.file.Path;

/**
 * The response body on its way to the {@link ResponseChannel}: bytes collect in the instance's buffer
 * until it overflows or the application flushes. A response that fits is sent at the end as one head
 * with a Content-Length and one body write (the fast path); a larger one commits the head without a
 * length, so the listener frames it chunked.
 */
final class ResponseOutput {

    /** What the response does at the two commit points. */
    interface Sink {
        /** Raises PreSendRequestHeaders and sends the head; {@code contentLength} is -1 when unknown. */
        void commitHead(long contentLength);

        /** Raises PreSendRequestContent; called once, before the first body bytes. */
        void beforeContent();
    }

    private final ResponseChannel channel;
    private final byte[] buffer;
    private final Sink sink;
    private int count;
    private boolean committed;
    private boolean contentStarted;
    private boolean closed;
    private boolean finished;
    private boolean endPending;

    ResponseOutput(ResponseChannel channel, byte[] buffer, Sink sink) {
        this.channel = channel;
        this.buffer = buffer;
        this.sink = sink;
    }

    ResponseChannel channel() {
        return channel;
    }

    boolean isCommitted() {
        return committed;
    }

    /** Whether nothing has been written (or everything written was discarded). */
    boolean isEmpty() {
        return count == 0 && !contentStarted;
    }

    boolean isFinished() {
        return finished;
    }

    void write(byte[] data, int offset, int length) {
        if (closed || length == 0) {
            return;
        }
        if (count + length <= buffer.length) {
            System.arraycopy(data, offset, buffer, count, length);
            count += length;
            return;
        }
        flush();
        if (length >= buffer.length) {
            send(data, offset, length);
        } else {
            System.arraycopy(data, offset, buffer, 0, length);
            count = length;
        }
    }

    /** Commits the head (without a length) if needed and sends what is buffered. */
    void flush() {
        if (!committed) {
            commit(-1);
        }
        if (count > 0) {
            int n = count;
            count = 0;
            send(buffer, 0, n);
        }
    }

    /** Discards buffered bytes and accepts writes again (after a redirect); only before the head is committed. */
    void discard() {
        if (committed) {
            throw new IllegalStateException("the response headers have already been sent");
        }
        count = 0;
        closed = false;
    }

    /** Ignores any further writes: the request was ended by a redirect. */
    void close() {
        closed = true;
    }

    /** Sends a file region as (the rest of) the body; the head gets its length when nothing came before. */
    void transmitFile(Path file, long offset, long length) {
        if (closed) {
            return;
        }
        if (!committed && count == 0) {
            commit(length);
        } else {
            flush();
        }
        startContent();
        channel.sendFile(file, offset, length);
    }

    /**
     * Sends the head with Content-Length when not yet committed and the buffered bytes. The end itself
     * goes out with {@link #sendEnd()}, after the application instance is back in the pool, so a client
     * that sends its next request the moment it sees the end finds a free instance.
     */
    void finish() {
        if (finished) {
            return;
        }
        if (!committed) {
            commit(count);
        }
        if (count > 0) {
            int n = count;
            count = 0;
            send(buffer, 0, n);
        }
        finished = true;
        endPending = true;
    }

    /** Completes a finished response on the channel. */
    void sendEnd() {
        if (endPending) {
            endPending = false;
            channel.end();
        }
    }

    /** Abandons the response (after its head was sent, an error can only close the connection). */
    void abort(String reason) {
        if (!finished) {
            finished = true;
            channel.abort(reason);
        }
    }

    private void commit(long contentLength) {
        sink.commitHead(contentLength);
        committed = true;
    }

    private void send(byte[] data, int offset, int length) {
        startContent();
        channel.sendBody(data, offset, length);
    }

    private void startContent() {
        if (!contentStarted) {
            contentStarted = true;
            sink.beforeContent();
        }
    }
}
