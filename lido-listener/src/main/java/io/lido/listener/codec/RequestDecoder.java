package io.lido.listener.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Frames HTTP/1.1 requests on one connection: emits a {@link ParsedHead}, then the body as retained
 * {@code ByteBuf} slices (Content-Length or chunked, RFC 9112 §6–7), then {@link BodyEnd#INSTANCE}; or a
 * {@link Rejection} after which everything the client sends is discarded.
 *
 * <p>After a body ends the decoder <em>pauses</em>: bytes of pipelined requests stay buffered until the
 * connection handler calls {@link #resume()} when the response is complete. This gives in-order
 * responses with one exchange at a time, and the bytes after a body are never looked at before the body
 * was framed, so a request hidden in a body can never be parsed as one.
 *
 * <p>Event-loop only, one instance per connection. Each decode step emits at most one head, so the
 * handler can set {@link #bodyLimit(long)} or {@link #stop()} before any body byte is decoded.
 */
public final class RequestDecoder extends ByteToMessageDecoder {
    private static final int MAX_LEADING_EMPTY_LINES = 8;

    private enum State { HEAD, FIXED_BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_DATA_END, TRAILERS, PAUSED, DEAD }

    private final DecoderLimits limits;
    private final HeadParser parser;
    private State state = State.HEAD;
    private byte[] head = new byte[1024];
    private int copied;
    private int scanned;
    private int lineStart;
    private int lines;
    private int leadingEmptyLines;
    private long remaining;
    private long bodyLimit = Long.MAX_VALUE;
    private long bodyReceived;
    private int trailerBytes;
    private boolean decoding;
    private ChannelHandlerContext context;
    private int backlogLimit = Integer.MAX_VALUE;
    private Runnable onBacklog;

    public RequestDecoder(DecoderLimits limits) {
        this.limits = limits;
        this.parser = new HeadParser(limits.maxHeaderCount());
    }

    /** The largest body the routed application accepts; a chunked body growing past it is rejected 413. */
    public void bodyLimit(long maxBytes) {
        this.bodyLimit = maxBytes;
    }

    /**
     * Calls {@code onBacklog} after a read that left more than {@code maxBytes} of pipelined requests buffered
     * while paused: the handler stops reading there, within the read burst, not after it.
     */
    public void backlogLimit(int maxBytes, Runnable onBacklog) {
        this.backlogLimit = maxBytes;
        this.onBacklog = onBacklog;
    }

    /** Starts decoding the next request (after the previous response completed). */
    public void resume() {
        if (state != State.PAUSED) {
            return;
        }
        state = State.HEAD;
        if (!decoding && context != null && internalBuffer().isReadable()) {
            // Re-enter with no new bytes to decode what the client pipelined meanwhile.
            channelRead(context, Unpooled.EMPTY_BUFFER);
            try {
                channelReadComplete(context);
            } catch (Exception e) {
                throw new IllegalStateException("request decoding failed", e);
            }
        }
    }

    /** Discards every byte from now on (after a rejection, or when the connection is closing). */
    public void stop() {
        state = State.DEAD;
        ByteBuf buffered = internalBuffer();
        buffered.skipBytes(buffered.readableBytes());
    }

    /** Whether some bytes of the next request head have arrived but not all of them. */
    public boolean hasPartialHead() {
        return state == State.HEAD && internalBuffer().isReadable();
    }

    /** Bytes received and not decoded yet (pipelined requests while paused). */
    public int bufferedBytes() {
        return internalBuffer().readableBytes();
    }

    /** Whether the decoder waits for {@link #resume()}. */
    public boolean paused() {
        return state == State.PAUSED;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.context = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        decoding = true;
        try {
            super.channelRead(ctx, msg);
        } catch (Exception e) {
            throw new IllegalStateException("request decoding failed", e);
        } finally {
            decoding = false;
        }
        if (state == State.PAUSED && onBacklog != null && internalBuffer().readableBytes() > backlogLimit) {
            onBacklog.run();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (state == State.PAUSED && !ctx.channel().config().isAutoRead()) {
            // Reading was suspended on purpose while pipelined bytes wait for the current exchange; the
            // base class would ask for one more read because nothing was decoded.
            ctx.fireChannelReadComplete();
            return;
        }
        super.channelReadComplete(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        try {
            switch (state) {
                case HEAD -> head(in, out);
                case FIXED_BODY -> fixedBody(in, out);
                case CHUNK_SIZE -> chunkSize(in);
                case CHUNK_DATA -> chunkData(in, out);
                case CHUNK_DATA_END -> chunkDataEnd(in);
                case TRAILERS -> trailer(in, out);
                case DEAD -> in.skipBytes(in.readableBytes());
                case PAUSED -> { }
            }
        } catch (Rejection.RejectedException e) {
            state = State.DEAD;
            in.skipBytes(in.readableBytes());
            resetHead();
            out.add(e.rejection());
        }
    }

    private void head(ByteBuf in, List<Object> out) {
        if (copied == 0 && !skipLeadingEmptyLines(in)) {
            return;
        }
        int available = Math.min(in.readableBytes(), limits.maxRequestBytes() + 1);
        int end = scanHead();
        // Copied a buffer at a time, not all that is readable: behind a head there may be 64 KB of
        // pipelined requests, and copying them all for every request costs more than the request.
        while (end < 0 && copied < available) {
            if (copied == head.length) {
                head = java.util.Arrays.copyOf(head, Math.max(copied + 1,
                        Math.min(head.length * 2, limits.maxRequestBytes() + 1)));
            }
            int n = Math.min(available - copied, head.length - copied);
            in.getBytes(in.readerIndex() + copied, head, copied, n);
            copied += n;
            end = scanHead();
        }
        if (end < 0) {
            if (copied > limits.maxRequestBytes()) {
                throw Rejection.headTooLong("request head longer than " + limits.maxRequestBytes() + " bytes")
                        .toException();
            }
            return;
        }
        ParsedHead parsed = parser.parse(head, end);
        in.skipBytes(end);
        resetHead();
        out.add(parsed);
        bodyLimit = Long.MAX_VALUE;
        bodyReceived = 0;
        if (parsed.chunked()) {
            state = State.CHUNK_SIZE;
        } else if (parsed.contentLength() > 0) {
            remaining = parsed.contentLength();
            state = State.FIXED_BODY;
        } else {
            out.add(BodyEnd.INSTANCE);
            state = State.PAUSED;
        }
    }

    /** RFC 9112 §2.2: a server SHOULD ignore at least one empty line before the request line. */
    private boolean skipLeadingEmptyLines(ByteBuf in) {
        while (in.isReadable()) {
            byte first = in.getByte(in.readerIndex());
            if (first == '\n') {
                throw Rejection.badRequest("bare LF before the request line").toException();
            }
            if (first != '\r') {
                return true;
            }
            if (in.readableBytes() < 2) {
                return false;
            }
            if (in.getByte(in.readerIndex() + 1) != '\n') {
                throw Rejection.badRequest("bare CR before the request line").toException();
            }
            if (++leadingEmptyLines > MAX_LEADING_EMPTY_LINES) {
                throw Rejection.badRequest("too many empty lines before the request line").toException();
            }
            in.skipBytes(2);
        }
        return false;
    }

    /** Scans the copied bytes for the empty line that ends the head; returns the head length or -1. */
    private int scanHead() {
        byte[] b = head;
        for (int i = scanned; i < copied; i++) {
            byte c = b[i];
            if (c == '\n') {
                if (i == 0 || b[i - 1] != '\r') {
                    throw Rejection.badRequest("bare LF in the request head (line " + (lines + 1) + ")").toException();
                }
                if (i - lineStart == 1 && lines > 0) {
                    scanned = i + 1;
                    return i + 1;
                }
                lineStart = i + 1;
                lines++;
            } else if (i > 0 && b[i - 1] == '\r') {
                throw Rejection.badRequest("bare CR in the request head (line " + (lines + 1) + ")").toException();
            } else if (i - lineStart >= limits.maxFieldLength()) {
                throw lines == 0
                        ? Rejection.urlTooLong("request line longer than " + limits.maxFieldLength() + " bytes")
                                .toException()
                        : Rejection.fieldTooLong("header line " + (lines + 1) + " longer than "
                                + limits.maxFieldLength() + " bytes").toException();
            }
        }
        scanned = copied;
        return -1;
    }

    private void resetHead() {
        copied = 0;
        scanned = 0;
        lineStart = 0;
        lines = 0;
        leadingEmptyLines = 0;
        if (head.length > 16 * 1024) {
            head = new byte[1024];
        }
    }

    private void fixedBody(ByteBuf in, List<Object> out) {
        int n = (int) Math.min(remaining, in.readableBytes());
        if (n > 0) {
            out.add(in.readRetainedSlice(n));
            remaining -= n;
        }
        if (remaining == 0) {
            out.add(BodyEnd.INSTANCE);
            state = State.PAUSED;
        }
    }

    private void chunkSize(ByteBuf in) {
        int lineLength = line(in, limits.maxChunkLineLength(), "chunk-size line");
        if (lineLength < 0) {
            return;
        }
        long size = ChunkLine.parse(in, in.readerIndex(), lineLength);
        in.skipBytes(lineLength + 2);
        if (size == 0) {
            trailerBytes = 0;
            state = State.TRAILERS;
            return;
        }
        if (bodyReceived + size > bodyLimit) {
            throw Rejection.contentTooLarge("chunked body larger than " + bodyLimit + " bytes").toException();
        }
        bodyReceived += size;
        remaining = size;
        state = State.CHUNK_DATA;
    }

    private void chunkData(ByteBuf in, List<Object> out) {
        int n = (int) Math.min(remaining, in.readableBytes());
        if (n > 0) {
            out.add(in.readRetainedSlice(n));
            remaining -= n;
        }
        if (remaining == 0) {
            state = State.CHUNK_DATA_END;
        }
    }

    private void chunkDataEnd(ByteBuf in) {
        if (in.readableBytes() < 2) {
            return;
        }
        int r = in.readerIndex();
        if (in.getByte(r) != '\r' || in.getByte(r + 1) != '\n') {
            throw Rejection.badRequest("chunk data not followed by CRLF").toException();
        }
        in.skipBytes(2);
        state = State.CHUNK_SIZE;
    }

    private void trailer(ByteBuf in, List<Object> out) {
        int lineLength = line(in, limits.maxFieldLength(), "trailer line");
        if (lineLength < 0) {
            return;
        }
        if (lineLength > 0) {
            ChunkLine.checkTrailerField(in, in.readerIndex(), lineLength);
            trailerBytes += lineLength + 2;
            if (trailerBytes > limits.maxRequestBytes()) {
                throw Rejection.headTooLong("trailer section longer than " + limits.maxRequestBytes() + " bytes")
                        .toException();
            }
        }
        in.skipBytes(lineLength + 2);
        if (lineLength == 0) {
            out.add(BodyEnd.INSTANCE);
            state = State.PAUSED;
        }
    }

    /**
     * Finds the CRLF ending the line at the reader index; returns the line length without CRLF, or -1
     * when the line is not complete yet. Bare CR and bare LF are refused.
     */
    private static int line(ByteBuf in, int maxLength, String what) {
        int start = in.readerIndex();
        int limit = Math.min(in.readableBytes(), maxLength + 2);
        for (int i = 0; i < limit; i++) {
            byte c = in.getByte(start + i);
            if (c == '\n') {
                if (i == 0 || in.getByte(start + i - 1) != '\r') {
                    throw Rejection.badRequest("bare LF in a " + what).toException();
                }
                return i - 1;
            }
            if (i > 0 && in.getByte(start + i - 1) == '\r') {
                throw Rejection.badRequest("bare CR in a " + what).toException();
            }
        }
        if (in.readableBytes() >= maxLength + 2) {
            throw Rejection.badRequest(what + " longer than " + maxLength + " bytes").toException();
        }
        return -1;
    }
}
