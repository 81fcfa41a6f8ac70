package io.lido.listener.connection;

import io.lido.ipc.HeaderList;
import io.lido.ipc.ResponseChannel;
import io.lido.ipc.ResponseHead;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.DefaultFileRegion;

import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Frames a response on an HTTP/1.1 connection: Content-Length when the runtime declared one, chunked
 * otherwise (close-delimited for HTTP/1.0), no body at all for HEAD, 204 and 304. Head and body are
 * gathered into one buffer and written when it passes {@value #FLUSH_THRESHOLD} bytes or at
 * {@link #end()}, so a small response costs one write and one flush.
 *
 * <p>Called from the runtime's thread. Writing blocks that thread (never the event loop) while the
 * socket is not writable. If the listener has already answered (a malformed chunked body), every call
 * becomes a no-op.
 */
final class Http1ResponseChannel implements ResponseChannel {
    private static final int NEW = 0;
    private static final int STARTED = 1;
    private static final int ENDED = 2;
    private static final int ABORTED = 3;
    private static final int DETACHED = 4;
    private static final int FLUSH_THRESHOLD = 16 * 1024;

    private enum Framing { NONE, FIXED, CHUNKED, CLOSE_DELIMITED }

    private final Http1Connection connection;
    private final Channel channel;
    private final Exchange exchange;
    private final AtomicInteger state = new AtomicInteger(NEW);
    private ByteBuf pending;
    private Framing framing;
    private long declaredLength;
    private long bodyBytes;
    private boolean close;

    Http1ResponseChannel(Http1Connection connection, Exchange exchange) {
        this.connection = connection;
        this.channel = connection.channel();
        this.exchange = exchange;
    }

    /**
     * Event loop: takes the response away from the runtime if it has not started, so the listener can
     * send its own error response instead.
     */
    boolean detachIfUnanswered() {
        return state.compareAndSet(NEW, DETACHED);
    }

    /** Event loop: the connection is gone; every later call of the runtime becomes a no-op. */
    void detachAll() {
        state.getAndUpdate(s -> s == NEW || s == STARTED ? DETACHED : s);
    }

    @Override
    public void sendHead(ResponseHead head) {
        if (!state.compareAndSet(NEW, STARTED)) {
            if (isGone()) {
                return;
            }
            throw new IllegalStateException("sendHead() called twice or after end()");
        }
        int status = head.status();
        if (status < 200 || status > 999) {
            throw new IllegalArgumentException("final status must be 200..999, not " + status);
        }
        HeaderList headers = head.headers();
        boolean noBody = exchange.isHead() || status == 204 || status == 304;
        String length = headers.get("Content-Length");
        declaredLength = length == null || status == 204 ? -1 : parseLength(length);
        if (noBody) {
            framing = Framing.NONE;
        } else if (declaredLength >= 0) {
            framing = Framing.FIXED;
        } else {
            framing = exchange.head.httpMinorVersion() == 1 ? Framing.CHUNKED : Framing.CLOSE_DELIMITED;
        }
        String connectionField = headers.get("Connection");
        close = !exchange.parsed.keepAlive() || connection.closing() || framing == Framing.CLOSE_DELIMITED
                || (connectionField != null && connectionField.toLowerCase(java.util.Locale.ROOT).contains("close"));
        exchange.status = status;
        exchange.subStatus = head.subStatus();
        exchange.user = head.user();
        ByteBuf buf = channel.alloc().buffer(headCapacity(headers, framing == Framing.FIXED ? declaredLength : 0));
        try {
            ResponseEncoder.statusLine(buf, status, head.reason());
            if (exchange.hsts != null && headers.get("Strict-Transport-Security") == null) {
                // The site's hsts element (IIS 10): on every https response, whatever the application sent.
                ResponseEncoder.field(buf, "Strict-Transport-Security", exchange.hsts);
            }
            ResponseEncoder.fields(buf, headers, status == 204, framing == Framing.CHUNKED, close,
                    !close && exchange.head.httpMinorVersion() == 0);
        } catch (RuntimeException e) {
            buf.release();
            state.set(NEW);
            throw e;
        }
        pending = buf;
    }

    /**
     * Room for the whole head, and for a small body of declared length too, so that neither the fields
     * nor the body make the buffer grow (a reallocation and a copy each time).
     */
    static int headCapacity(HeaderList headers, long bodyLength) {
        int fields = 0;
        for (int i = 0, n = headers.size(); i < n; i++) {
            fields += headers.name(i).length() + headers.value(i).length() + 4;
        }
        // the status line and what the listener adds: Date, Server, Connection or Transfer-Encoding
        int head = fields + 160;
        return bodyLength > 0 && head + bodyLength <= FLUSH_THRESHOLD ? head + (int) bodyLength : head;
    }

    private static long parseLength(String value) {
        try {
            long n = Long.parseLong(value.strip());
            if (n < 0) {
                throw new NumberFormatException("negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("response Content-Length '" + value + "' is not a length", e);
        }
    }

    @Override
    public void sendBody(byte[] data, int offset, int length) {
        if (!writable() || length == 0 || framing == Framing.NONE) {
            return;
        }
        checkLength(length);
        ByteBuf buf = pending(length + 16);
        if (framing == Framing.CHUNKED) {
            ResponseEncoder.chunkHeader(buf, length);
            buf.writeBytes(data, offset, length);
            ResponseEncoder.crlf(buf);
        } else {
            buf.writeBytes(data, offset, length);
        }
        if (buf.readableBytes() >= FLUSH_THRESHOLD) {
            flushPending();
        }
    }

    @Override
    public void sendFile(Path file, long offset, long length) {
        if (!writable() || length == 0 || framing == Framing.NONE) {
            return;
        }
        checkLength(length);
        if (framing == Framing.CHUNKED) {
            ResponseEncoder.chunkHeader(pending(24), length);
        }
        if (pending != null) {
            exchange.bytesSent += pending.readableBytes();
            channel.write(pending, WriteProgress.counting(channel, exchange));
            pending = null;
        }
        exchange.bytesSent += length;
        channel.writeAndFlush(new DefaultFileRegion(file.toFile(), offset, length),
                WriteProgress.counting(channel, exchange));
        if (framing == Framing.CHUNKED) {
            ResponseEncoder.crlf(pending(2));
        }
        awaitWritable();
    }

    @Override
    public void end() {
        int s = state.get();
        if (s == NEW) {
            // Without a head there is nothing valid to send; closing frees the client instead of leaving it waiting.
            abort("end() before sendHead()");
            throw new IllegalStateException("end() before sendHead()");
        }
        if (s != STARTED || !state.compareAndSet(STARTED, ENDED)) {
            if (s == ENDED) {
                throw new IllegalStateException("end() called twice");
            }
            releasePending();
            return;
        }
        if (framing == Framing.CHUNKED) {
            pending(5).writeBytes(LAST_CHUNK);
        } else if (framing == Framing.FIXED && bodyBytes < declaredLength) {
            // The client would wait for bytes that never come: the only honest end is closing.
            close = true;
        }
        ByteBuf last = pending;
        pending = null;
        if (last != null) {
            exchange.bytesSent += last.readableBytes();
        }
        connection.complete(exchange, last, close);
    }

    private static final byte[] LAST_CHUNK = {'0', '\r', '\n', '\r', '\n'};

    @Override
    public void abort(String reason) {
        int previous = state.getAndUpdate(s -> s == NEW || s == STARTED ? ABORTED : s);
        releasePending();
        if (previous == NEW || previous == STARTED) {
            connection.abort(exchange, reason);
        }
    }

    /**
     * Below the flush threshold nothing is written before {@link #end()}, and end() only hands over.
     * Implements {@code ResponseChannel.canSendWithoutBlocking} (added to lido-ipc for the worker link);
     * no {@code @Override}, so this also compiles against a lido-ipc that does not have it yet.
     */
    public boolean canSendWithoutBlocking(long bytes) {
        int s = state.get();
        long buffered = pending == null ? 0 : pending.readableBytes();
        // 256: the status line and the fields the listener adds (Date, Server, framing, chunk marks).
        return (s == NEW || s == STARTED) && buffered + bytes + 256 < FLUSH_THRESHOLD;
    }

    /** The connection's event loop: the request runs where it was read and where its response is written. */
    @Override
    public Executor requestScheduler() {
        return channel.eventLoop();
    }

    @Override
    public boolean isClientConnected() {
        return channel.isActive() && state.get() != DETACHED;
    }

    private boolean writable() {
        int s = state.get();
        if (s == STARTED) {
            return true;
        }
        if (isGone()) {
            releasePending();
            return false;
        }
        throw new IllegalStateException(s == NEW ? "body before sendHead()" : "body after end()");
    }

    private boolean isGone() {
        int s = state.get();
        return s == DETACHED || s == ABORTED;
    }

    private void checkLength(long length) {
        bodyBytes += length;
        if (framing == Framing.FIXED && bodyBytes > declaredLength) {
            abort("response body longer than its Content-Length " + declaredLength);
            throw new IllegalStateException("response body longer than its Content-Length " + declaredLength);
        }
    }

    private ByteBuf pending(int room) {
        if (pending == null) {
            pending = channel.alloc().buffer(Math.max(room, 256));
        }
        return pending;
    }

    private void flushPending() {
        ByteBuf buf = pending;
        pending = null;
        exchange.bytesSent += buf.readableBytes();
        channel.writeAndFlush(buf, WriteProgress.counting(channel, exchange));
        awaitWritable();
    }

    private void releasePending() {
        ByteBuf buf = pending;
        pending = null;
        if (buf != null) {
            buf.release();
        }
    }

    private void awaitWritable() {
        if (channel.eventLoop().inEventLoop()) {
            return;
        }
        connection.awaitWritable(exchange);
    }
}
