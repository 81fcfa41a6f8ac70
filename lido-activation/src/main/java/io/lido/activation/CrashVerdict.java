package io.lido.activation;

import java.time.Duration;
import java.time.Instant;

/**
 * Which of the requests a worker was running when it died caused its death: those get 502 at once and are never
 * replayed (a GET that hangs or crashes its worker would otherwise take a second one down, and the client would
 * wait for both); the others are innocent and a safe one is replayed once on another worker. The rules, in order
 * (docs/activation.md, "Which request brought a worker down"):
 *
 * <ol>
 *   <li>a request the worker named (FAULT on its stream: the health check found it hung, or it called
 *       {@code System.exit}) is guilty;</li>
 *   <li>killed for a ping timeout or a hang report: when the worker named nobody, the requests sent before the
 *       unanswered ping, or within {@link #PONG_MARGIN} after it, are guilty (they were running when it stopped
 *       answering), later ones innocent;</li>
 *   <li>killed still draining after its {@code shutdownTimeLimit}: the requests it still ran are guilty;</li>
 *   <li>ended by itself having said why ({@code System.exit} named its request or none), killed by a signal from
 *       outside (SIGKILL, SIGTERM, SIGINT, SIGHUP: an operator, the kernel's OOM killer), exited with status 0, or
 *       killed by the pool for another reason (startup limit, Lido stopping): innocent;</li>
 *   <li>any other end with no word from the worker (a native crash: SIGSEGV, SIGABRT..., or {@code Runtime.halt}):
 *       the requests it ran are guilty: the only one, when it ran one, or all of them, since nothing tells which of
 *       several did it.</li>
 * </ol>
 *
 * Pure: made on the pool's thread from what the pool saw of the worker.
 */
final class CrashVerdict {
    /**
     * A healthy worker answers a PING within milliseconds; a request sent this soon after the unanswered one may still
     * be what held the answer back (the PONG waits for the event loop a request computes on).
     */
    static final Duration PONG_MARGIN = Duration.ofSeconds(1);

    /** How a worker ended, as its pool saw it. */
    enum Ending {
        /** Killed by the pool: no PONG within pingResponseTime, or a PONG that reported it hung. */
        HUNG,
        /** Killed by the pool: still draining after its shutdownTimeLimit. */
        OVER_SHUTDOWN_LIMIT,
        /** Killed by the pool for another reason (startup time limit, Lido stopping). */
        KILLED_BY_POOL,
        /** Exited, or was killed by something else than the pool. */
        BY_ITSELF
    }

    private final Ending ending;
    private final Instant unansweredPingSentAt;
    private final boolean namedRequests;
    private final boolean exitReported;
    private final Integer exitCode;
    private final int requestsAtDeath;

    /**
     * @param unansweredPingSentAt for {@link Ending#HUNG}: when the ping that got no healthy answer was sent
     * @param namedRequests        the worker named at least one request as the cause (FAULT on a stream)
     * @param exitReported         the worker said it exits because the application called System.exit
     * @param exitCode             the process's exit code (128+N for signal N), null when unknown
     * @param requestsAtDeath      the requests it was running when its connection went
     */
    CrashVerdict(Ending ending, Instant unansweredPingSentAt, boolean namedRequests, boolean exitReported,
                 Integer exitCode, int requestsAtDeath) {
        this.ending = ending;
        this.unansweredPingSentAt = unansweredPingSentAt;
        this.namedRequests = namedRequests;
        this.exitReported = exitReported;
        this.exitCode = exitCode;
        this.requestsAtDeath = requestsAtDeath;
    }

    /**
     * Why this request is guilty of the worker's death, or null when it is innocent.
     *
     * @param namedBy the worker's own words about it (FAULT on its stream), or null
     * @param sentAt  when it was sent to the worker
     */
    String guilt(String namedBy, Instant sentAt) {
        if (namedBy != null) {
            return namedBy;
        }
        return switch (ending) {
            case HUNG -> !namedRequests && unansweredPingSentAt != null
                    && !sentAt.isAfter(unansweredPingSentAt.plus(PONG_MARGIN))
                    ? "it was running when the worker process stopped answering pings" : null;
            case OVER_SHUTDOWN_LIMIT -> "it was still running when the worker process was killed after its "
                    + "shutdownTimeLimit";
            case KILLED_BY_POOL -> null;
            case BY_ITSELF -> crashedWithoutWord() ? crashGuilt() : null;
        };
    }

    private boolean crashedWithoutWord() {
        return !exitReported && exitCode != null && exitCode != 0 && !externalSignal(exitCode);
    }

    private String crashGuilt() {
        String status = ExitStatus.describe(exitCode);
        return requestsAtDeath <= 1
                ? "the worker process crashed (" + status + ") while it ran this request alone"
                : "the worker process crashed (" + status + ") while it ran this request and " + (requestsAtDeath - 1)
                + " other(s): nothing tells which one caused it";
    }

    /** Signals that come from outside the JVM: someone else ended the worker, not one of its requests. */
    private static boolean externalSignal(int exitCode) {
        int signal = exitCode - 128;
        return signal == 9 || signal == 15 || signal == 2 || signal == 1;
    }
}
