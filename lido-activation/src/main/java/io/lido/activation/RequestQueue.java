package io.lido.activation;

import io.lido.config.TimeSpans;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * A pool's queue of requests waiting for a worker (HTTP.sys's request queue for the pool). Bounded by
 * {@code queueLength}; a replayed request goes to the front. Used on the pool's thread only, except
 * {@link #waiting()}.
 */
final class RequestQueue {
    private final ArrayDeque<PendingRequest> queue = new ArrayDeque<>();
    private final String poolName;
    private final PoolResponses responses;
    /** The queue's size, published for the pool's direct dispatch, which must not overtake a queued request. */
    private volatile int waiting;

    /** Rejections (503 QueueFull), counted into the pool's {@link PoolCounters}. */
    private java.util.concurrent.atomic.LongAdder rejected = new java.util.concurrent.atomic.LongAdder();

    /** Counts rejections into {@code counter} (the pool's). */
    void countRejectionsIn(java.util.concurrent.atomic.LongAdder counter) {
        rejected = counter;
    }

    RequestQueue(String poolName, PoolResponses responses) {
        this.poolName = poolName;
        this.responses = responses;
    }

    /** Queues a new request, or answers 503 QueueFull when {@code queueLength} are already waiting. */
    void offer(PendingRequest request, int queueLength) {
        if (queue.size() >= queueLength) {
            rejected.increment();
            responses.reject(request, 503, PoolErrorLog.QUEUE_FULL, "the queue of application pool '" + poolName
                    + "' is full (" + queueLength + " requests)");
            return;
        }
        queue.addLast(request);
        waiting = queue.size();
    }

    /** Puts a request to replay before every other. */
    void addFirst(PendingRequest request) {
        queue.addFirst(request);
        waiting = queue.size();
    }

    PendingRequest poll() {
        PendingRequest request = queue.pollFirst();
        waiting = queue.size();
        return request;
    }

    /** The number of waiting requests; read from any thread. */
    int waiting() {
        return waiting;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    int size() {
        return queue.size();
    }

    /** A client that hung up while its request waited is not worth a worker's time. */
    void dropAbandoned() {
        for (Iterator<PendingRequest> it = queue.iterator(); it.hasNext(); ) {
            PendingRequest request = it.next();
            if (!request.response.isClientConnected()) {
                it.remove();
                waiting = queue.size();
                responses.abort(request, PoolErrorLog.ABANDONED_BY_REQ_QUEUE,
                        "the client disconnected while the request was queued");
            }
        }
    }

    /**
     * Answers 503 to the requests that waited longer than {@code limit} ({@code startupTimeLimit}). The reason
     * says what they waited for: with no worker running, for one to start ({@code AppPoolTimer}, the startup
     * time limit); with {@code runningWorkers}, for a slot of a worker that stayed busy ({@code Timer_AppPool},
     * HTTP.sys's "waited too long in an application pool queue for the application to dequeue it").
     */
    void expire(Instant now, Duration limit, int runningWorkers) {
        for (Iterator<PendingRequest> it = queue.iterator(); it.hasNext(); ) {
            PendingRequest request = it.next();
            if (Duration.between(request.queuedAt, now).compareTo(limit) > 0) {
                it.remove();
                waiting = queue.size();
                if (runningWorkers > 0) {
                    responses.reject(request, 503, PoolErrorLog.TIMER_APP_POOL, "the " + runningWorkers
                            + " worker process(es) of application pool '" + poolName + "' were busy: every request"
                            + " slot (maxConcurrentRequests) stayed taken for " + TimeSpans.format(limit)
                            + " (the startupTimeLimit)");
                } else {
                    responses.reject(request, 503, PoolErrorLog.APP_POOL_TIMER, "no worker process of application"
                            + " pool '" + poolName + "' was available within the startupTimeLimit ("
                            + TimeSpans.format(limit) + ")");
                }
            }
        }
    }

    /** Answers every waiting request (the pool stopped). */
    void rejectAll(int status, String reason, String detail) {
        PendingRequest request;
        while ((request = queue.pollFirst()) != null) {
            waiting = queue.size();
            responses.reject(request, status, reason, detail);
        }
    }
}
