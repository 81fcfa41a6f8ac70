package io.lido.worker;

import io.lido.ipc.ResponseChannel;
import io.lido.ipc.ResponseHead;
import io.lido.ipc.frame.ControlCodec;
import io.lido.ipc.frame.FlowWindow;
import io.lido.ipc.frame.FrameException;
import io.lido.ipc.frame.FrameType;
import io.lido.ipc.frame.Frames;
import io.lido.ipc.frame.HeadCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executor;

/**
 * Writes one response as frames. Frames gather in one pooled buffer that is written when it passes
 * {@value #FLUSH_THRESHOLD} bytes, before waiting for credit, and at {@link #end()}: a small response
 * is one write. {@link #sendBody} blocks the request thread while the stream has no credit (the host
 * has not handed the earlier bytes to a slow client yet). Once the host aborted the exchange, writes
 * are dropped and {@link #isClientConnected()} is false.
 *
 * <p>Used by one request thread at a time, as the {@link ResponseChannel} contract orders the calls.
 */
final class FrameResponseChannel implements ResponseChannel {
    private static final int FLUSH_THRESHOLD = 32 * 1024;
    /** Files up to this size travel as body bytes, bigger ones as RESPONSE_FILE regions (zero-copy). */
    private static final int SMALL_FILE = 8 * 1024;

    private enum State { NEW, STARTED, DONE }

    private final WorkerExchange exchange;
    private final Channel channel;
    private final FrameServer server;
    private final FlowWindow window = new FlowWindow();
    private volatile boolean hostAborted;
    private State state = State.NEW;
    private ByteBuf pending;

    FrameResponseChannel(WorkerExchange exchange, Channel channel, FrameServer server) {
        this.exchange = exchange;
        this.channel = channel;
        this.server = server;
    }

    /** Event loop: a WINDOW frame for this stream. */
    void credit(int increment) {
        window.grant(increment);
    }

    /** Event loop: the host ended the exchange (its client went away). */
    void abortedByHost() {
        hostAborted = true;
        window.close();
    }

    @Override
    public void sendHead(ResponseHead head) {
        if (state != State.NEW) {
            if (state == State.DONE && hostAborted) {
                return;
            }
            throw new IllegalStateException("sendHead() called twice or after end()");
        }
        exchange.progress();
        state = State.STARTED;
        if (hostAborted) {
            return;
        }
        ByteBuf buf = pending();
        try {
            HeadCodec.writeResponseHead(buf, exchange.stream, head);
        } catch (FrameException e) {
            state = State.NEW;
            throw new IllegalArgumentException("response head cannot be sent: " + e.getMessage(), e);
        }
    }

    @Override
    public void sendBody(byte[] data, int offset, int length) {
        requireStarted("sendBody()");
        exchange.progress();
        while (length > 0 && !hostAborted) {
            int chunk = Math.min(length, Frames.MAX_CHUNK);
            int credit = window.tryAcquire(chunk);
            if (credit == 0) {
                flush();
                exchange.enterWait();
                try {
                    credit = window.acquire(chunk);
                } finally {
                    exchange.exitWait();
                }
            }
            if (credit < 0) {
                return;
            }
            ByteBuf buf = pending();
            Frames.body(buf, FrameType.RESPONSE_BODY, exchange.stream, data, offset, credit);
            offset += credit;
            length -= credit;
            if (buf.readableBytes() >= FLUSH_THRESHOLD) {
                flush();
            }
        }
    }

    @Override
    public void sendFile(Path file, long offset, long length) {
        requireStarted("sendFile()");
        exchange.progress();
        if (hostAborted || length == 0) {
            return;
        }
        if (length <= SMALL_FILE || !server.fileRegions()) {
            // A small file costs less as bytes in the frame burst than as a region the host opens; and a
            // host of another user must not open files for us at all.
            sendFileBytes(file, offset, length);
            return;
        }
        ControlCodec.writeFile(pending(), exchange.stream,
                new ControlCodec.FileRegion(file.toAbsolutePath(), offset, length));
    }

    /** Reads the region and sends it as body bytes, a chunk at a time (under the credit window). */
    private void sendFileBytes(Path file, long offset, long length) {
        byte[] chunk = new byte[(int) Math.min(length, Frames.MAX_CHUNK)];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (long done = 0; done < length && !hostAborted; ) {
                ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, (int) Math.min(chunk.length, length - done));
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, offset + done + buffer.position()) < 0) {
                        throw new UncheckedIOException(new EOFException(file + " ends before byte " + (offset + length)));
                    }
                }
                sendBody(chunk, 0, buffer.position());
                done += buffer.position();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public void end() {
        if (state == State.NEW) {
            throw new IllegalStateException("end() before sendHead()");
        }
        if (state == State.DONE) {
            if (hostAborted) {
                return;
            }
            throw new IllegalStateException("end() called twice");
        }
        state = State.DONE;
        if (!hostAborted) {
            Frames.empty(pending(), FrameType.RESPONSE_END, exchange.stream);
        }
        flush();
        server.finished(exchange);
    }

    @Override
    public void abort(String reason) {
        if (state == State.DONE) {
            return;
        }
        state = State.DONE;
        if (!hostAborted) {
            Frames.withText(pending(), FrameType.ABORT, exchange.stream, reason == null ? "" : reason);
        }
        flush();
        server.finished(exchange);
    }

    /** The link's event loop: the request runs where its frames are read and its response frames written. */
    @Override
    public Executor requestScheduler() {
        return channel.eventLoop();
    }

    @Override
    public void executesOn(Thread thread) {
        exchange.thread = thread;
    }

    /** Not this request's fault: the host replaces the worker and this request gets its 500. */
    @Override
    public void outOfMemory(OutOfMemoryError error) {
        server.outOfMemory("OutOfMemoryError in " + exchange.describe() + ": " + error.getMessage());
    }

    @Override
    public boolean isClientConnected() {
        return !hostAborted && channel.isActive();
    }

    private void requireStarted(String call) {
        if (state != State.STARTED) {
            if (state == State.DONE && hostAborted) {
                return;
            }
            throw new IllegalStateException(state == State.NEW ? call + " before sendHead()" : call + " after end()");
        }
    }

    private ByteBuf pending() {
        if (pending == null) {
            pending = channel.alloc().buffer(512);
        }
        return pending;
    }

    private void flush() {
        ByteBuf buf = pending;
        pending = null;
        if (buf == null) {
            return;
        }
        if (hostAborted || !channel.isActive()) {
            buf.release();
            return;
        }
        channel.writeAndFlush(buf, channel.voidPromise());
    }
}
