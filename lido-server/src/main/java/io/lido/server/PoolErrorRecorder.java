package io.lido.server;

import io.lido.activation.PoolErrorLog;
import io.lido.ipc.RequestHead;
import io.lido.listener.log.ErrorLog;
import io.lido.listener.log.ListenerError;

import java.time.Clock;

/**
 * Puts what an application pool answered itself (503 QueueFull, AppOffline, ...; 502 when a worker died)
 * into the listener's httperr log, as HTTP.sys logs its own 503s for a pool's queue.
 */
final class PoolErrorRecorder implements PoolErrorLog {
    private final ErrorLog errorLog;
    private final Clock clock;

    PoolErrorRecorder(ErrorLog errorLog, Clock clock) {
        this.errorLog = errorLog;
        this.clock = clock;
    }

    @Override
    public void record(RequestHead head, int status, String reason, String poolName) {
        errorLog.record(new ListenerError(clock.instant(), head.remoteAddress(), head.remotePort(),
                head.localAddress(), head.localPort(), "HTTP/1." + head.httpMinorVersion(), head.method(),
                head.rawTarget(), status, head.siteId(), reason, poolName));
    }
}
