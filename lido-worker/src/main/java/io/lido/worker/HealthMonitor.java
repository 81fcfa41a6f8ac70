package io.lido.worker;

import io.lido.ipc.frame.ControlCodec;
import io.lido.ipc.frame.FaultCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Answers PINGs from a dedicated platform thread after checking that the worker is not hung
 * (docs/ipc.md, "Health"): a new virtual thread must run within {@link #PROBE_LIMIT}, and no request
 * may have spent longer than the stall limit (the pool's pingResponseTime) in application code
 * without reading or writing. Otherwise the PONG carries the hang report.
 */
final class HealthMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);
    static final Duration PROBE_LIMIT = Duration.ofSeconds(1);

    private final Channel channel;
    private final FrameServer server;
    private final Duration stallLimit;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lido-health");
        t.setDaemon(true);
        return t;
    });

    HealthMonitor(Channel channel, FrameServer server, Duration stallLimit) {
        this.channel = channel;
        this.server = server;
        this.stallLimit = stallLimit;
    }

    /** Event loop: checks and answers on the health thread. */
    void answer(long nonce) {
        thread.execute(() -> {
            String hung = check();
            if (hung != null) {
                LOG.error("Health check failed: {}", hung);
                blameStalled();
            }
            ByteBuf out = channel.alloc().buffer(64);
            ControlCodec.writePong(out, new ControlCodec.Pong(nonce, hung));
            channel.writeAndFlush(out, channel.voidPromise());
        });
    }

    /** Null when healthy, else why the worker counts as hung. */
    String check() {
        CountDownLatch ran = new CountDownLatch(1);
        Thread.ofVirtual().name("lido-health-probe").start(ran::countDown);
        try {
            if (!ran.await(PROBE_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                return "request threads are starved: a new virtual thread did not run within "
                        + PROBE_LIMIT.toMillis() + " ms";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "health check interrupted";
        }
        long limit = stallLimit.toMillis();
        for (WorkerExchange exchange : server.exchanges()) {
            long stalled = exchange.stalledMillis();
            if (stalled > limit) {
                return exchange.describe() + " made no progress for " + stalled + " ms (limit " + limit + " ms)";
            }
        }
        return null;
    }

    /**
     * Names each request stalled in application code to the host (FAULT HUNG, before the PONG that reports the hang):
     * the host answers those 502 instead of replaying them, and replays the others.
     */
    private void blameStalled() {
        long limit = stallLimit.toMillis();
        for (WorkerExchange exchange : server.exchanges()) {
            long stalled = exchange.stalledMillis();
            if (stalled > limit) {
                server.faults().send(exchange.stream, new FaultCodec.Fault(FaultCodec.Kind.HUNG,
                        exchange.describe() + " made no progress for " + stalled + " ms"), Duration.ZERO);
            }
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
