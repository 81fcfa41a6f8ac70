package io.lido.worker;

import io.lido.ipc.BodyChunks;
import io.lido.ipc.RequestBody;
import io.lido.ipc.frame.FlowWindow;
import io.lido.ipc.frame.FrameException;
import io.lido.ipc.frame.FrameType;
import io.lido.ipc.frame.Frames;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

import java.io.IOException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The request body of one exchange in the worker: the event loop {@link #offer}s REQUEST_BODY payloads,
 * the application reads on its request thread (blocking). Consumed bytes are credited back to the host
 * with WINDOW frames, so the host never has more than one window in flight.
 */
final class FrameRequestBody implements RequestBody {
    /** Credit goes back in steps of this size, or whenever the buffer runs dry. */
    private static final int CREDIT_STEP = FlowWindow.INITIAL / 4;

    private final WorkerExchange exchange;
    private final Channel channel;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final BodyChunks chunks = new BodyChunks();
    private int uncredited;
    private boolean finished;
    private String failure;

    FrameRequestBody(WorkerExchange exchange, Channel channel) {
        this.exchange = exchange;
        this.channel = channel;
    }

    /**
     * Event loop: adds a REQUEST_BODY payload (copied; the caller releases it).
     *
     * @throws FrameException when the host sent more than its credit
     */
    void offer(ByteBuf payload) {
        int n = payload.readableBytes();
        if (n == 0) {
            return;
        }
        lock.lock();
        try {
            if (finished) {
                throw new FrameException("REQUEST_BODY after REQUEST_END on stream " + exchange.stream);
            }
            if (failure != null) {
                return;
            }
            if (chunks.buffered() + uncredited + n > FlowWindow.INITIAL) {
                throw new FrameException("host sent " + (chunks.buffered() + uncredited + n)
                        + " body bytes on stream " + exchange.stream + " without credit (window " + FlowWindow.INITIAL + ")");
            }
            chunks.add(payload);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Event loop: REQUEST_END. */
    void finish() {
        lock.lock();
        try {
            finished = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The exchange was aborted: reads fail from now on. */
    void fail(String reason) {
        lock.lock();
        try {
            if (failure == null) {
                failure = reason;
            }
            chunks.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int credit = 0;
        int n;
        lock.lock();
        try {
            if (chunks.isEmpty() && !finished && failure == null) {
                // Everything consumed goes back before we wait, or the host could wait for us forever.
                credit = takeCredit();
                if (credit > 0) {
                    lock.unlock();
                    try {
                        sendWindow(credit);
                    } finally {
                        lock.lock();
                    }
                    credit = 0;
                }
                exchange.enterWait();
                try {
                    while (chunks.isEmpty() && !finished && failure == null) {
                        changed.awaitUninterruptibly();
                    }
                } finally {
                    exchange.exitWait();
                }
            }
            if (failure != null) {
                throw new IOException(failure);
            }
            if (chunks.isEmpty()) {
                return -1;
            }
            n = chunks.take(buffer, offset, length);
            uncredited += n;
            if (uncredited >= CREDIT_STEP) {
                credit = takeCredit();
            }
        } finally {
            lock.unlock();
        }
        exchange.progress();
        if (credit > 0) {
            sendWindow(credit);
        }
        return n;
    }

    private int takeCredit() {
        int credit = uncredited;
        uncredited = 0;
        return credit;
    }

    private void sendWindow(int credit) {
        if (!channel.isActive()) {
            return;
        }
        ByteBuf out = channel.alloc().buffer(Frames.HEADER_BYTES + 4);
        Frames.withInt(out, FrameType.WINDOW, exchange.stream, credit);
        channel.writeAndFlush(out, channel.voidPromise());
    }
}
