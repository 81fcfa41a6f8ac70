package io.lido.activation;

import io.lido.ipc.RequestHead;

/**
 * Where a pool reports a request it answered itself (503 when stopped or the queue is full, 502 when
 * the worker died): the host wires it to the listener's httperr log. Must not block.
 */
@FunctionalInterface
public interface PoolErrorLog {

    /** Discards everything. */
    PoolErrorLog NONE = (head, status, reason, poolName) -> { };

    /**
     * @param head     the request
     * @param status   the status sent (0 when the connection was aborted)
     * @param reason   HTTP.sys-style reason (QueueFull, AppOffline, Disabled, AppPoolTimer,
     *                 Connection_Abandoned_By_AppPool) followed by a short detail
     * @param poolName the pool (s-queuename)
     */
    void record(RequestHead head, int status, String reason, String poolName);
}
