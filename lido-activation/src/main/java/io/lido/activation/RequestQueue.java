package io.lido.activation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * A pool's queue of requests waiting for a worker (HTTP.sys's request queue for the pool). Bounded by
 * {@code queueLength}; a replayed request goes to the front. Used on the pool's thread only.
 */
final class RequestQueue {
    private final ArrayDeque<PendingRequest> queue = new ArrayDeque<>();
    private final String poolName;
    private final PoolResponses responses;

    RequestQueue(String poolName, PoolResponses responses) {
        this.poolName = poolName;
        this.responses = responses;
    }

    /** Queues a new request, or answers 503 QueueFull when {@code queueLength} are already waiting. */
    void offer(PendingRequest request, int queueLength) {
        if (queue.size() >= queueLength) {
            responses.reject(request, 503, "QueueFull", "the queue of application pool '" + poolName + "' is full ("
                    + queueLength + " requests)");
            return;
        }
        queue.addLast(request);
    }

    /** Puts a request to replay before every other. */
    void addFirst(PendingRequest request) {
        queue.addFirst(request);
    }

    PendingRequest poll() {
        return queue.pollFirst();
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
                responses.abort(request, "Connection_Abandoned_By_ReqQueue",
                        "the client disconnected while the request was queued");
            }
        }
    }

    /** Answers 503 to the requests that waited longer than {@code limit} ({@code startupTimeLimit}). */
    void expire(Instant now, Duration limit) {
        for (Iterator<PendingRequest> it = queue.iterator(); it.hasNext(); ) {
            PendingRequest request = it.next();
            if (Duration.between(request.queuedAt, now).compareTo(limit) > 0) {
                it.remove();
                responses.reject(request, 503, "AppPoolTimer", "no worker process of application pool '" + poolName
                        + "' was available within the startupTimeLimit (" + limit + ")");
            }
        }
    }

    /** Answers every waiting request (the pool stopped). */
    void rejectAll(int status, String reason, String detail) {
        PendingRequest request;
        while ((request = queue.pollFirst()) != null) {
            responses.reject(request, status, reason, detail);
        }
    }
}
