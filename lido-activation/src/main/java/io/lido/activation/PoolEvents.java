package io.lido.activation;

import io.lido.config.TimeSpans;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The worker-process events of one pool, logged in the words of WAS's event log (5002, 5010, 5011,
 * 5013, 5074, 5186...) so that an IIS operator recognises them. Every exit says why; every crash gives
 * the exit code, the signal and the uptime.
 */
final class PoolEvents {
    private static final Logger LOG = LoggerFactory.getLogger(ApplicationPool.class);

    private final String pool;

    PoolEvents(String pool) {
        this.pool = pool;
    }

    void launchFailed(RuntimeException e) {
        LOG.error("Application pool '{}' could not start a worker process: {}", pool, e.getMessage(), e);
    }

    void starting(Worker w) {
        LOG.info("Application pool '{}': starting worker process {} (pid {})", pool, w.ordinal, w.process.pid());
    }

    void ready(Worker w, Instant now) {
        LOG.info("Application pool '{}': worker process {} (pid {}) is ready after {} ms", pool, w.ordinal, w.pid(),
                w.uptime(now).toMillis());
    }

    void failedToStart(Worker w, String cause) {
        LOG.error("A worker process serving application pool '{}' failed to start. The process id was '{}': {}",
                pool, w.pid(), cause);
    }

    void startupTimeout(Worker w, Duration limit) {
        LOG.error("A worker process serving application pool '{}' did not become ready within the startupTimeLimit"
                + " ({}). The process id was '{}'.", pool, TimeSpans.format(limit), w.pid());
    }

    void pingFailed(Worker w, Duration limit) {
        LOG.error("A process serving application pool '{}' failed to respond to a ping within {}. The process id"
                + " was '{}'.", pool, TimeSpans.format(limit), w.pid());
    }

    void connectionClosed(Worker w, String reason) {
        LOG.warn("Application pool '{}': the connection to worker process {} (pid {}) closed: {}", pool, w.ordinal,
                w.pid(), reason);
    }

    void exited(Worker w, String status, Instant now) {
        LOG.info("Application pool '{}': worker process {} (pid {}) exited ({}) after {}", pool, w.ordinal, w.pid(),
                status, seconds(w.uptime(now)));
    }

    void killed(Worker w, String status, Instant now) {
        LOG.warn("Application pool '{}': worker process {} (pid {}) was killed ({}) after {}", pool, w.ordinal,
                w.pid(), status, seconds(w.uptime(now)));
    }

    void crashed(Worker w, String status, Instant now, boolean applicationExited) {
        LOG.error("A process serving application pool '{}' terminated unexpectedly{}. The process id was '{}'."
                + " The process ended with {}. It ran for {}.", pool,
                applicationExited ? " (its application called System.exit)" : "", w.pid(), status,
                seconds(w.uptime(now)));
    }

    void exitCalled(Worker w, String detail) {
        LOG.error("Application pool '{}': worker process {} (pid {}) is exiting: the application called {}", pool,
                w.ordinal, w.pid(), detail);
    }

    void reportedHung(Worker w, String report) {
        LOG.error("A process serving application pool '{}' reported itself hung ({}). The process id was '{}'.",
                pool, report, w.pid());
    }

    void notReplayed(PendingRequest request, Worker w, String guilt) {
        LOG.warn("Application pool '{}': {} {} (request {}) is not replayed and gets 502: worker process {} (pid {})"
                + " failed because of it: {}", pool, request.head.method(), request.head.rawTarget(),
                request.head.id(), w.ordinal, w.pid(), guilt);
    }

    void shutdownTimeout(Worker w, Duration limit) {
        LOG.warn("Application pool '{}': worker process {} (pid {}) did not exit within the shutdownTimeLimit ({});"
                + " killing it", pool, w.ordinal, w.pid(), TimeSpans.format(limit));
    }

    void recycling(Worker w, String reason) {
        LOG.info("A worker process with process id of '{}' serving application pool '{}' is being recycled because"
                + " {}", w.pid(), pool, reason);
    }

    void draining(Worker w, String why) {
        LOG.info("Application pool '{}': worker process {} (pid {}) drains: {}", pool, w.ordinal, w.pid(), why);
    }

    void idle(Worker w, Duration timeout) {
        LOG.info("A worker process with process id of '{}' serving application pool '{}' was shutdown due to"
                + " inactivity. Application Pool timeout configuration was set to {}.", w.pid(), pool,
                TimeSpans.format(timeout));
    }

    void rapidFail(int failures, Duration interval) {
        LOG.error("Application pool '{}' is being automatically disabled due to a series of failures in the"
                + " process(es) serving that application pool ({} failures within {})", pool, failures,
                TimeSpans.format(interval));
    }

    void replaying(PendingRequest request, Worker w, String reason) {
        LOG.info("Application pool '{}': replaying {} {} (request {}) on another worker: worker process {} failed ({})",
                pool, request.head.method(), request.head.rawTarget(), request.head.id(), w.pid(), reason);
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
