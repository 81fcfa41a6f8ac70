package io.lido.ipc.link;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The requests of one kind (RECYCLE_APP, APP_STATUS) on one link waiting for the worker's reply, by request id.
 * Thread-safe.
 */
final class PendingReplies<R> {
    private final Map<Long, CompletableFuture<R>> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);

    /** Registers a request about to be sent; returns its id. */
    long register(CompletableFuture<R> future) {
        long id = nextId.getAndIncrement();
        pending.put(id, future);
        return id;
    }

    /** The worker's reply; one for an id we never sent (or answered already) is ignored. */
    void answered(long id, R reply) {
        CompletableFuture<R> future = pending.remove(id);
        if (future != null) {
            future.complete(reply);
        }
    }

    /** Fails one request (it could not be sent, or the connection is gone). */
    void fail(long id, String reason) {
        CompletableFuture<R> future = pending.remove(id);
        if (future != null) {
            future.completeExceptionally(new IllegalStateException(reason));
        }
    }

    void failAll(String reason) {
        for (Long id : List.copyOf(pending.keySet())) {
            fail(id, reason);
        }
    }
}
