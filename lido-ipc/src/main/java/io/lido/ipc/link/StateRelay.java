package io.lido.ipc.link;

import io.lido.ipc.frame.FrameType;
import io.lido.ipc.state.StateClient;
import io.lido.ipc.state.StateException;
import io.lido.ipc.state.StateFrames;
import io.lido.ipc.state.StateGrant;
import io.lido.ipc.state.StateServer;
import io.netty.buffer.ByteBuf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The host's end of one worker's StateServer frames: each STATE_ACQUIRE / STATE_CREATE / STATE_RELEASE goes to
 * the worker's own {@link StateClient}, and its outcome goes back as a STATE_REPLY when the future completes —
 * possibly much later, on another thread, for a lock that had to wait; the event loop never waits. When the
 * connection closes, the client's locks are released (its sessions stay).
 */
final class StateRelay {
    private static final Logger LOG = LoggerFactory.getLogger(StateRelay.class);

    private final StateServer server;
    private final String pool;
    private final LinkWriter writer;
    /** Created on the first request, on the event loop; closed once, by {@link #close()}. */
    private volatile StateClient client;
    private volatile boolean closed;

    /**
     * @param server the host's store, or null when this host runs none (requests then fail as UNAVAILABLE)
     * @param pool   the worker's application pool, whose applications' sessions alone it may use; null: any
     */
    StateRelay(StateServer server, String pool, LinkWriter writer) {
        this.server = server;
        this.pool = pool;
        this.writer = writer;
    }

    /** Event loop: a request frame from the worker. */
    void handle(FrameType type, ByteBuf payload, long pid) {
        StateFrames.Request request = StateFrames.readRequest(type, payload);
        if (server == null || closed) {
            writer.stateReply(new StateFrames.Failed(request.request(), StateException.Kind.UNAVAILABLE,
                    server == null ? "this host runs no StateServer" : "the connection is closing"));
            return;
        }
        if (!server.allows(pool, request.applicationKey())) {
            LOG.warn("Worker pid {} of application pool '{}' asked for a session of application '{}', which its pool "
                    + "does not host: refused", pid, pool, request.applicationKey());
            writer.stateReply(new StateFrames.Failed(request.request(), StateException.Kind.INVALID, "application '"
                    + request.applicationKey() + "' is not hosted by application pool '" + pool + "'"));
            return;
        }
        StateClient user = client;
        if (user == null) {
            user = server.client("worker pid " + pid + (pool == null ? "" : " of application pool '" + pool + "'"));
            client = user;
        }
        long id = request.request();
        switch (request) {
            case StateFrames.Acquire a -> answer(id, user.acquire(a.applicationKey(), a.sessionId(), a.exclusive(),
                    a.maxWait(), a.lockTimeout()));
            case StateFrames.Create c -> answer(id, user.create(c.applicationKey(), c.sessionId(), c.timeout(),
                    c.exclusive(), c.lockTimeout()));
            case StateFrames.Release r -> user.release(r.applicationKey(), r.sessionId(), r.lockId(), r.items(),
                    r.timeout(), r.abandon()).whenComplete((done, error) ->
                    writer.stateReply(error == null ? new StateFrames.Done(id) : failed(id, error)));
        }
    }

    private void answer(long id, CompletableFuture<StateGrant> future) {
        future.whenComplete((grant, error) -> {
            if (error != null) {
                writer.stateReply(failed(id, error));
            } else if (grant == null) {
                writer.stateReply(new StateFrames.Missing(id));
            } else {
                writer.stateReply(new StateFrames.Granted(id, grant));
            }
        });
    }

    private static StateFrames.Failed failed(long id, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof StateException state) {
            return new StateFrames.Failed(id, state.kind(), state.getMessage());
        }
        LOG.error("StateServer request {} failed", id, cause);
        return new StateFrames.Failed(id, StateException.Kind.UNAVAILABLE, "StateServer failure: " + cause);
    }

    /** The connection is gone: the worker's locks and waits end. */
    void close() {
        closed = true;
        StateClient user = client;
        if (user != null) {
            user.close();
        }
    }
}
