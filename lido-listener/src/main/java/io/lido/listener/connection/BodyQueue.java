package io.lido.listener.connection;

import io.lido.ipc.BodyChunks;
import io.lido.ipc.RequestBody;
import io.netty.buffer.ByteBuf;

import java.io.IOException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The request body of one exchange: the event loop {@link #offer}s what the decoder framed, the
 * runtime thread {@link #read}s (blocking). Above {@value #HIGH_WATER} buffered bytes the connection
 * stops reading the socket; it reads again once the application drained the queue below
 * {@value #LOW_WATER}, so a slow application never makes the listener buffer a whole upload.
 */
final class BodyQueue implements RequestBody {
    static final int HIGH_WATER = 64 * 1024;
    static final int LOW_WATER = 16 * 1024;

    /** Turns socket reading off and on; called on the event loop. */
    interface FlowControl {
        void suspendBodyReading();

        void resumeBodyReading();
    }

    private final FlowControl flow;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final BodyChunks chunks = new BodyChunks();
    private boolean finished;
    private boolean discarding;
    private boolean suspended;
    private IOException failure;

    BodyQueue(FlowControl flow) {
        this.flow = flow;
    }

    /** Event loop: adds body bytes and releases the buffer. */
    void offer(ByteBuf content) {
        try {
            int n = content.readableBytes();
            if (n == 0) {
                return;
            }
            boolean suspend;
            lock.lock();
            try {
                if (discarding) {
                    return;
                }
                chunks.add(content);
                suspend = chunks.buffered() > HIGH_WATER && !suspended;
                suspended |= suspend;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            if (suspend) {
                flow.suspendBodyReading();
            }
        } finally {
            content.release();
        }
    }

    /** Event loop: the last body byte has been offered. */
    void finish() {
        signal(() -> finished = true);
    }

    /** Event loop: the body cannot complete (client gone, malformed chunking). */
    void fail(IOException cause) {
        signal(() -> failure = cause);
    }

    /** Event loop: the exchange ended; drop what the application did not read and read on. */
    void discard() {
        boolean resume;
        lock.lock();
        try {
            discarding = true;
            chunks.clear();
            resume = suspended;
            suspended = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (resume) {
            flow.resumeBodyReading();
        }
    }

    private void signal(Runnable change) {
        lock.lock();
        try {
            change.run();
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
        boolean resume = false;
        int n;
        lock.lock();
        try {
            while (chunks.isEmpty() && !finished && failure == null && !discarding) {
                changed.awaitUninterruptibly();
            }
            if (failure != null) {
                throw new IOException("request body failed: " + failure.getMessage(), failure);
            }
            if (chunks.isEmpty()) {
                return -1;
            }
            n = chunks.take(buffer, offset, length);
            if (suspended && chunks.buffered() < LOW_WATER) {
                suspended = false;
                resume = true;
            }
        } finally {
            lock.unlock();
        }
        if (resume) {
            flow.resumeBodyReading();
        }
        return n;
    }
}
