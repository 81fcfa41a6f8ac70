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

    // The reasons a pool writes, each one HTTP.sys s-reason token (what HTTP.sys logs for WAS's pools).
    /** 503: the pool's queue is full (queueLength). */
    String QUEUE_FULL = "QueueFull";
    /** 503: the pool was stopped by rapid-fail protection. */
    String APP_OFFLINE = "AppOffline";
    /** 503: the pool is stopped. */
    String DISABLED = "Disabled";
    /** 503: Lido is shutting down. */
    String APP_SHUTDOWN = "AppShutdown";
    /** 503: no worker process started in time to take the request (startupTimeLimit). */
    String APP_POOL_TIMER = "AppPoolTimer";
    /**
     * 503: the pool's workers were running but busy (every maxConcurrentRequests slot taken) for as long as a
     * request may wait in the queue: HTTP.sys's "waited too long in an application pool queue".
     */
    String TIMER_APP_POOL = "Timer_AppPool";
    /** 502 or no answer: the worker process died with the request. */
    String ABANDONED_BY_APP_POOL = "Connection_Abandoned_By_AppPool";
    /** No answer: the request left the queue without a worker. */
    String ABANDONED_BY_REQ_QUEUE = "Connection_Abandoned_By_ReqQueue";

    /**
     * @param head     the request
     * @param status   the status sent (0 when the connection was aborted)
     * @param reason   one HTTP.sys s-reason token, one of the constants above
     * @param poolName the pool (s-queuename)
     */
    void record(RequestHead head, int status, String reason, String poolName);
}
