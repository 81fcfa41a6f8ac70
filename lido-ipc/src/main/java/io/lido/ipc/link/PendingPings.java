package io.lido.ipc.link;

import io.lido.ipc.frame.ControlCodec;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The PINGs of one link still waiting for their PONG, by nonce. Thread-safe. */
final class PendingPings {
    private record Pending(long sentNanos, CompletableFuture<Duration> future) {
    }

    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextNonce = new AtomicLong(1);

    /** Registers a ping about to be sent; returns its nonce. */
    long register(CompletableFuture<Duration> future) {
        long nonce = nextNonce.getAndIncrement();
        pending.put(nonce, new Pending(System.nanoTime(), future));
        return nonce;
    }

    /** Fails one ping that could not be sent. */
    void fail(long nonce, String reason) {
        Pending ping = pending.remove(nonce);
        if (ping != null) {
            ping.future().completeExceptionally(new IllegalStateException(reason));
        }
    }

    /** A PONG: completes its ping with the round-trip time, or with the worker's hang report. */
    void answered(ControlCodec.Pong pong, long pid) {
        Pending ping = pending.remove(pong.nonce());
        if (ping == null) {
            return;
        }
        if (pong.hung() == null) {
            ping.future().complete(Duration.ofNanos(System.nanoTime() - ping.sentNanos()));
        } else {
            ping.future().completeExceptionally(new WorkerHungException("worker pid " + pid + " is hung: " + pong.hung()));
        }
    }

    /** The connection is gone: no PONG will come. */
    void failAll(String reason) {
        for (Long nonce : List.copyOf(pending.keySet())) {
            fail(nonce, reason);
        }
    }
}
