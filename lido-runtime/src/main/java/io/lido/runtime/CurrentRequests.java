package io.lido.runtime;

import io.lido.ipc.ExecutingRequest;
import io.lido.runtime.internal.ExecutingRequests;

import java.util.List;

/**
 * The client requests executing in this process now (every application domain of every {@link HttpRuntime}
 * here), with their pipeline stage and module: what {@code lido list request} shows for an in-process pool, and
 * what a worker answers the host's REQUEST_LIST with.
 */
public final class CurrentRequests {
    private CurrentRequests() {
    }

    /**
     * Those that have run at least {@code minElapsedMillis}, longest-running first; elapsed time is measured against
     * the system clock, the one {@link HttpRuntime} stamps requests with by default.
     */
    public static List<ExecutingRequest> snapshot(long minElapsedMillis) {
        return ExecutingRequests.snapshot(minElapsedMillis, System.currentTimeMillis());
    }
}
