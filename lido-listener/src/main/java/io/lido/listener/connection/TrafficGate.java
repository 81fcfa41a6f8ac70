package io.lido.listener.connection;

import io.netty.channel.Channel;

/**
 * Back-pressure of one connection in both directions. Inbound: socket reading is switched off while
 * any reason holds (the application has not read the buffered body; pipelined requests pile up behind
 * a slow exchange; the client does not read the answers already sent) and back on when none does. Outbound: the runtime thread waits while Netty's
 * outbound buffer is above its high-water mark, so a slow client never makes the listener buffer a
 * whole response.
 */
final class TrafficGate {
    static final int BODY = 1;
    static final int PIPELINE = 2;
    static final int SEND = 4;

    private final Channel channel;
    private final Object writability = new Object();
    private int readSuspension;

    TrafficGate(Channel channel) {
        this.channel = channel;
    }

    /** Event loop: stop reading for this reason. */
    void suspend(int reason) {
        readSuspension |= reason;
        channel.config().setAutoRead(false);
    }

    /** Event loop: this reason no longer holds; read again when no other does. */
    void resume(int reason) {
        if ((readSuspension & reason) == 0) {
            return;
        }
        readSuspension &= ~reason;
        if (readSuspension == 0) {
            channel.config().setAutoRead(true);
        }
    }

    /** Event loop: whether reading is suspended for this reason. */
    boolean suspended(int reason) {
        return (readSuspension & reason) != 0;
    }

    /** Event loop: read whatever comes (the connection is closing and drains its input). */
    void readFreely() {
        readSuspension = 0;
        channel.config().setAutoRead(true);
    }

    /**
     * Runtime thread: blocks while the socket's outbound buffer is above its high-water mark.
     *
     * @return false when the client read nothing for {@code timeoutNanos} (the connection is still open)
     */
    boolean awaitWritable(long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (writability) {
            while (channel.isActive() && !channel.isWritable()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    writability.wait(Math.max(1, Math.min(1000, left / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the client to read", e);
                }
            }
        }
        return true;
    }

    /** Event loop: writability changed or the channel closed; wake waiting writers. */
    void signalWritability() {
        synchronized (writability) {
            writability.notifyAll();
        }
    }
}
