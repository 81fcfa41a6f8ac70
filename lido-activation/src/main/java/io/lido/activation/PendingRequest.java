package io.lido.activation;

import io.lido.ipc.RequestBody;
import io.lido.ipc.RequestHead;
import io.lido.ipc.ResponseChannel;

import java.time.Instant;

/** A request a pool holds: queued, or sent to a worker and not yet answered. Touched on the pool's thread. */
final class PendingRequest {
    final RequestHead head;
    final RequestBody body;
    final ResponseChannel response;
    final Instant queuedAt;
    boolean replayed;
    /** When it was sent to its current worker. */
    Instant sentAt;
    /** The worker's own words naming this request as the cause of its failure (FAULT on its stream), or null. */
    String namedBy;
    /** Why its exchange failed, while it waits for its worker's verdict. */
    String failure;

    PendingRequest(RequestHead head, RequestBody body, ResponseChannel response, Instant queuedAt) {
        this.head = head;
        this.body = body;
        this.response = response;
        this.queuedAt = queuedAt;
    }

    /**
     * Whether the request may run again on another worker after its worker died without answering:
     * a safe method (RFC 9110 §9.2.1) with no body (so nothing was consumed from the client), not
     * replayed before, and no response byte sent.
     */
    boolean replayable(boolean responseStarted) {
        if (replayed || responseStarted || head.contentLength() != 0) {
            return false;
        }
        String method = head.method();
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }
}
