package io.lido.listener.connection;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection without losing its last answer: write and flush, half-close (FIN), then keep
 * reading and discarding until the client closes or {@code linger} passes. Closing a socket that still
 * has unread input makes the kernel send a reset, which can destroy the answer before the client has
 * read it (RFC 9112 §9.6, "lingering close").
 */
final class LingeringClose {
    private LingeringClose() {
    }

    /** Event loop: writes {@code last} (may be null) and closes gracefully; reading must be on. */
    static void after(ChannelHandlerContext ctx, ByteBuf last, Duration linger) {
        Channel channel = ctx.channel();
        ctx.writeAndFlush(last != null ? last : Unpooled.EMPTY_BUFFER).addListener(f -> {
            if (channel instanceof DuplexChannel duplex && channel.isActive() && f.isSuccess()) {
                duplex.shutdownOutput();
                ctx.executor().schedule(() -> channel.close(), linger.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                channel.close();
            }
        });
    }
}
