package io.lido.worker;

import io.lido.ipc.RequestDispatcher;
import io.lido.ipc.frame.RecycleCodec;
import io.lido.runtime.HttpRuntime;
import io.lido.runtime.RestartReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers RECYCLE_APP ({@code lido recycle app SITE/PATH}): restarts the domain of one of the worker's
 * applications, as a change to its files would, and reports whether the new domain serves.
 */
final class ApplicationRecycler {
    private static final Logger LOG = LoggerFactory.getLogger(ApplicationRecycler.class);

    private ApplicationRecycler() {
    }

    /** Blocks until the new domain serves or has been discarded; never throws. */
    static RecycleCodec.Reply recycle(PoolApplications applications, RecycleCodec.Request request) {
        String what = "application " + request.applicationPath() + " of site " + request.siteId();
        RequestDispatcher dispatcher = applications == null ? null
                : applications.find(request.siteId(), request.applicationPath());
        if (!(dispatcher instanceof HttpRuntime runtime)) {
            return new RecycleCodec.Reply(request.requestId(), RecycleCodec.Status.NOT_HOSTED,
                    "this worker does not host " + what);
        }
        try {
            if (runtime.restart(RestartReason.MANUAL)) {
                return new RecycleCodec.Reply(request.requestId(), RecycleCodec.Status.RESTARTED,
                        "domain generation " + runtime.domainGeneration());
            }
            return new RecycleCodec.Reply(request.requestId(), RecycleCodec.Status.FAILED, "the new domain of " + what
                    + " failed to start: " + runtime.domainStatus().afterFailedStart());
        } catch (RuntimeException e) {
            LOG.error("Recycling {} failed", what, e);
            return new RecycleCodec.Reply(request.requestId(), RecycleCodec.Status.FAILED, e.toString());
        }
    }
}
