package io.lido.activation;

import io.lido.ipc.ExecutingRequest;

import java.util.List;

/**
 * What one worker process said of the requests it executes, for {@code lido list request}.
 *
 * @param pid      the worker
 * @param requests its requests, longest-running first; empty when it did not answer
 * @param omitted  requests it left out of its answer (more than one frame holds)
 * @param failure  why it did not answer (its connection failed, or it took too long); null when it did
 */
public record WorkerRequests(long pid, List<ExecutingRequest> requests, int omitted, String failure) {
    public WorkerRequests {
        requests = List.copyOf(requests);
    }
}
