package io.lido.activation;

import io.lido.ipc.Loopback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a pool answers itself, recorded in the httperr log first: 503 (stopped, queue full, no worker in
 * time), 502 (the worker died before answering), or an abort when the response had already started. The details
 * go to the httperr log and to local clients only.
 */
final class PoolResponses {
    private static final Logger LOG = LoggerFactory.getLogger(PoolResponses.class);

    private final String poolName;
    private final PoolErrorLog errorLog;

    PoolResponses(String poolName, PoolErrorLog errorLog) {
        this.poolName = poolName;
        this.errorLog = errorLog;
    }

    /** Records (the reason in httperr, the detail in Lido's log) and sends a short error response. */
    void reject(PendingRequest request, int status, String reason, String detail) {
        errorLog.record(request.head, status, reason, poolName);
        LOG.debug("Application pool '{}': {} {} for request {}: {}", poolName, status, reason, request.head.id(),
                detail);
        try {
            ErrorResponses.send(request.response, status, Loopback.isLocal(request.head) ? detail : null);
        } catch (RuntimeException e) {
            // The client is usually gone by then; nothing else can be done for this request.
            LOG.debug("Application pool '{}': could not send {} for request {}: {}", poolName, status,
                    request.head.id(), e.toString(), e);
        }
    }

    /** Records and abandons a response that already started (the client sees the connection close). */
    void abort(PendingRequest request, String reason, String detail) {
        errorLog.record(request.head, 0, reason, poolName);
        LOG.debug("Application pool '{}': request {} abandoned ({}): {}", poolName, request.head.id(), reason, detail);
        request.response.abort(detail);
    }
}
