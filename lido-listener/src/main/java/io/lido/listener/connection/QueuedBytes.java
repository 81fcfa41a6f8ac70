package io.lido.listener.connection;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.FileRegion;

/**
 * Counts the bytes still queued in a connection's outbound buffer (partly written messages count with
 * what is left of them). Walks the queue, so it is for the rare moment a response is left queued, not
 * for every request. Event loop only.
 */
final class QueuedBytes implements ChannelOutboundBuffer.MessageProcessor {
    private long bytes;

    private QueuedBytes() {
    }

    static long of(ChannelOutboundBuffer out) {
        QueuedBytes counter = new QueuedBytes();
        try {
            out.forEachFlushedMessage(counter);
        } catch (Exception e) {
            throw new IllegalStateException("cannot inspect the outbound buffer", e);
        }
        return counter.bytes;
    }

    @Override
    public boolean processMessage(Object msg) {
        if (msg instanceof ByteBuf buf) {
            bytes += buf.readableBytes();
        } else if (msg instanceof FileRegion region) {
            bytes += region.count() - region.transferred();
        }
        return true;
    }
}
