package io.lido.listener.connection;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.FileRegion;

/**
 * Counts the bytes a connection hands to its socket and tells how many the client has taken, for the
 * minimum send rate. First in the pipeline, so it sees every write; the count is one field add per write.
 * What is still queued is read from the outbound buffer itself ({@link QueuedBytes}), and only when a timer
 * asks (not per request). Event-loop confined.
 */
final class OutboundMeter extends ChannelOutboundHandlerAdapter {
    private final Channel channel;
    private long written;

    OutboundMeter(Channel channel) {
        this.channel = channel;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof ByteBuf buf) {
            written += buf.readableBytes();
        } else if (msg instanceof FileRegion region) {
            written += region.count();
        }
        ctx.write(msg, promise);
    }

    /** Whether flushed output still waits for the client to read it. */
    boolean pending() {
        ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        return out != null && !out.isEmpty();
    }

    /** Bytes the socket has taken so far (written minus what is still queued). */
    long bytesSent() {
        ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        return written - (out == null ? 0 : QueuedBytes.of(out));
    }
}
