package io.lido.listener.connection;

import io.netty.channel.Channel;
import io.netty.channel.ChannelProgressiveFuture;
import io.netty.channel.ChannelProgressiveFutureListener;
import io.netty.channel.ChannelProgressivePromise;

/**
 * Follows one write of a response to the socket: the bytes the socket takes (Netty reports partial
 * writes too) are added to the exchange's {@code bytesWritten} as they go, so an exchange the client
 * cuts is logged with the bytes really sent, not with the bytes the application produced. The last
 * write of an exchange also tells the connection when it has gone, or failed, so the exchange is logged
 * then: time-taken runs to the last byte. Used only for writes that may not complete at once (a flush
 * from the runtime thread, a file, output queued behind a slow client); a small response the socket
 * takes whole needs no promise. Notified on the event loop.
 */
final class WriteProgress implements ChannelProgressiveFutureListener {
    private final Exchange exchange;
    /** The connection to tell when this write, the exchange's last, has completed; null for earlier writes. */
    private final Http1Connection last;
    private long reported;

    private WriteProgress(Exchange exchange, Http1Connection last) {
        this.exchange = exchange;
        this.last = last;
    }

    /** A promise for an earlier write of the exchange: it only counts bytes. */
    static ChannelProgressivePromise counting(Channel channel, Exchange exchange) {
        return promise(channel, new WriteProgress(exchange, null));
    }

    /** A promise for the exchange's last write: it counts, then logs the exchange through the connection. */
    static ChannelProgressivePromise lastWrite(Channel channel, Exchange exchange, Http1Connection connection) {
        return promise(channel, new WriteProgress(exchange, connection));
    }

    private static ChannelProgressivePromise promise(Channel channel, WriteProgress listener) {
        ChannelProgressivePromise promise = channel.newProgressivePromise();
        promise.addListener(listener);
        return promise;
    }

    @Override
    public void operationProgressed(ChannelProgressiveFuture future, long progress, long total) {
        exchange.bytesWritten += progress - reported;
        reported = progress;
    }

    @Override
    public void operationComplete(ChannelProgressiveFuture future) {
        if (last != null) {
            last.delivered(exchange, future.isSuccess());
        }
    }
}
