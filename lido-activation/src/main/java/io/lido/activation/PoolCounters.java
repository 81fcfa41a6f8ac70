package io.lido.activation;

import java.util.concurrent.atomic.LongAdder;

/**
 * The running totals of one application pool that IIS's APP_POOL_WAS and HTTP Service Request Queues counters
 * report (Total Requests, Total Application Pool Recycles, rapid-fail stops, Rejected Requests), for the metrics
 * endpoint. LongAdders: the request count is bumped on the listener's event loops, which must not contend on one
 * cache line; the others change on the pool's thread, rarely.
 */
public final class PoolCounters {
    final LongAdder requests = new LongAdder();
    final LongAdder recycles = new LongAdder();
    final LongAdder rapidFailStops = new LongAdder();
    final LongAdder queueRejected = new LongAdder();

    /** Requests the pool was handed (served, queued or refused). */
    public long requests() {
        return requests.sum();
    }

    /** Worker processes recycled (any reason: schedule, requests, memory, configuration, an administrator). */
    public long recycles() {
        return recycles.sum();
    }

    /** Times rapid-fail protection stopped the pool. */
    public long rapidFailStops() {
        return rapidFailStops.sum();
    }

    /** Requests answered 503 because the pool's queue was full. */
    public long queueRejected() {
        return queueRejected.sum();
    }
}
