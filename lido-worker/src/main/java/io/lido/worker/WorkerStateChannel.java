package io.lido.worker;

import io.lido.ipc.frame.FrameException;
import io.lido.ipc.state.StateChannel;
import io.lido.ipc.state.StateException;
import io.lido.ipc.state.StateFrames;
import io.lido.ipc.state.StateGrant;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The worker's way to the host's StateServer: each operation is a STATE_* frame with a fresh request id, and its
 * future completes when the matching STATE_REPLY arrives (on the event loop). Request threads wait for it; when the
 * connection to the host closes, every pending request fails as UNAVAILABLE (the host releases our locks itself).
 */
final class WorkerStateChannel implements StateChannel {
    private final Map<Long, CompletableFuture<StateFrames.Reply>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile Channel channel;
    private volatile String closed;

    /** The connection is up. */
    void attach(Channel ch) {
        channel = ch;
    }

    @Override
    public CompletableFuture<StateGrant> acquire(String applicationKey, String sessionId, boolean exclusive,
                                                 Duration wait, Duration lockTimeout) {
        return send(new StateFrames.Acquire(ids.incrementAndGet(), applicationKey, sessionId, exclusive, wait,
                lockTimeout)).thenApply(WorkerStateChannel::grant);
    }

    @Override
    public CompletableFuture<StateGrant> create(String applicationKey, String sessionId, Duration timeout,
                                                boolean exclusive, Duration lockTimeout) {
        return send(new StateFrames.Create(ids.incrementAndGet(), applicationKey, sessionId, exclusive, timeout,
                lockTimeout)).thenApply(WorkerStateChannel::grant);
    }

    @Override
    public CompletableFuture<Void> release(String applicationKey, String sessionId, long lockId, byte[] items,
                                           Duration timeout, boolean abandon) {
        return send(new StateFrames.Release(ids.incrementAndGet(), applicationKey, sessionId, lockId, items, timeout,
                abandon)).thenApply(reply -> switch (reply) {
                    case StateFrames.Done done -> null;
                    case StateFrames.Failed failed -> throw new StateException(failed.kind(), failed.message());
                    default -> throw new StateException(StateException.Kind.UNAVAILABLE, "the host answered a "
                            + "release with " + reply);
                });
    }

    private static StateGrant grant(StateFrames.Reply reply) {
        return switch (reply) {
            case StateFrames.Granted granted -> granted.grant();
            case StateFrames.Missing missing -> null;
            case StateFrames.Failed failed -> throw new StateException(failed.kind(), failed.message());
            case StateFrames.Done done -> throw new StateException(StateException.Kind.UNAVAILABLE,
                    "the host answered a lock request with " + done);
        };
    }

    private CompletableFuture<StateFrames.Reply> send(StateFrames.Request request) {
        CompletableFuture<StateFrames.Reply> reply = new CompletableFuture<>();
        Channel ch = channel;
        if (ch == null || closed != null) {
            return CompletableFuture.failedFuture(unavailable(closed == null ? "not connected yet" : closed));
        }
        pending.put(request.request(), reply);
        ByteBuf out = ch.alloc().buffer(128 + (request instanceof StateFrames.Release release
                && release.items() != null ? release.items().length : 0));
        try {
            StateFrames.write(out, request);
        } catch (FrameException e) {
            out.release();
            pending.remove(request.request());
            return CompletableFuture.failedFuture(new StateException(StateException.Kind.INVALID, e.getMessage()));
        }
        ch.writeAndFlush(out, ch.voidPromise());
        String reason = closed;
        if (reason != null) {
            // Closed while we registered: the close may have missed this request.
            fail(request.request(), reason);
        }
        return reply;
    }

    /**
     * Event loop: the host's answer.
     *
     * @throws FrameException for an answer to a request this worker never sent (or already had answered)
     */
    void replied(StateFrames.Reply reply) {
        CompletableFuture<StateFrames.Reply> waiting = pending.remove(reply.request());
        if (waiting == null) {
            throw new FrameException("STATE_REPLY for request " + reply.request() + ", which is not pending");
        }
        waiting.complete(reply);
    }

    /** The connection to the host is gone: nothing pending will be answered. */
    void disconnected(String reason) {
        closed = reason;
        for (Long id : List.copyOf(pending.keySet())) {
            fail(id, reason);
        }
    }

    private void fail(long id, String reason) {
        CompletableFuture<StateFrames.Reply> waiting = pending.remove(id);
        if (waiting != null) {
            waiting.completeExceptionally(unavailable(reason));
        }
    }

    private static StateException unavailable(String reason) {
        return new StateException(StateException.Kind.UNAVAILABLE, "the StateServer in the host cannot be reached: "
                + reason);
    }
}
