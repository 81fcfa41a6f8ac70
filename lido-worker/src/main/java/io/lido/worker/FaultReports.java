package io.lido.worker;

import io.lido.ipc.frame.FaultCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Sends FAULT frames to the host (docs/ipc.md): why this worker is about to fail, and which request caused it, so
 * that the host answers that request 502 instead of replaying it on another worker, and replays the innocent ones.
 */
final class FaultReports {
    private static final Logger LOG = LoggerFactory.getLogger(FaultReports.class);

    private final Channel channel;

    FaultReports(Channel channel) {
        this.channel = channel;
    }

    /**
     * Any thread but the event loop when {@code await} is positive: sends one fault on {@code stream} (0: no request)
     * and, when the process is about to end, waits up to {@code await} for it to be written.
     */
    void send(int stream, FaultCodec.Fault fault, Duration await) {
        if (!channel.isActive()) {
            return;
        }
        ByteBuf out = channel.alloc().buffer(64 + fault.detail().length() * 3);
        FaultCodec.write(out, stream, fault);
        ChannelFuture written = channel.writeAndFlush(out);
        if (await.isPositive()) {
            try {
                if (!written.await(await.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("The host was not told of {} within {} ms", fault.kind(), await.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
