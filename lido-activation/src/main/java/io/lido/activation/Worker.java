package io.lido.activation;

import io.lido.ipc.link.WorkerLink;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One worker process and what its pool knows about it. Mutable and changed on the pool's thread, except
 * the fields the pool's direct dispatch reads or counts from listener event loops: {@link #phase},
 * {@link #retiring}, {@link #inFlight}, {@link #requests} and {@link #lastActivity}.
 */
final class Worker {

    /** Where a worker is in its life. */
    enum Phase {
        /** Launched, not READY yet. */
        STARTING,
        /** READY: takes requests. */
        RUNNING,
        /** Told to drain: finishes its requests and exits. */
        DRAINING,
        /** Its connection closed while it was running; waiting for the process to exit. */
        LOST,
        /**
         * Drained and disconnected, but its JVM has more to do before it exits (it writes the pool's AOT cache):
         * bounded by {@link WorkerProcess#exitGrace()} instead of the shutdown time limit.
         */
        EXITING,
        /** Being killed by the pool (startup or ping timeout, shutdown time limit). */
        KILLED
    }

    final int ordinal;
    final Instant launchedAt;
    WorkerProcess process;
    WorkerLink link;
    volatile Phase phase = Phase.STARTING;
    Instant phaseSince;
    volatile Instant lastActivity;
    /** Requests sent and not yet answered. */
    final AtomicInteger inFlight = new AtomicInteger();
    /** Requests sent since launch (the {@code requests} recycling limit). */
    final AtomicLong requests = new AtomicLong();
    /** Set when a recycle is pending: it keeps serving until its replacement is READY. */
    volatile boolean retiring;
    Worker replacement;
    /** A non-overlapped recycle: no new worker starts until this one has exited. */
    boolean blocksStart;
    /**
     * Set for a worker started ahead of demand to train the AOT cache (drained once READY unless requests came
     * meanwhile): completed once it has exited or, when it stays to serve requests, once it is READY.
     */
    CompletableFuture<Boolean> pretraining;
    /** For a pretraining worker: the load to run once READY (then drain), or null. */
    AotTrainingLoad trainingLoad;
    /** An exit the pool asked for (drain), not a crash. */
    boolean exitExpected;
    /** Counted once towards rapid-fail protection, whatever else happens to it. */
    boolean failureCounted;
    Instant pingSentAt;
    Instant lastPong;
    long pingSequence;
    /** How it ended, as far as the pool had a hand in it (CrashVerdict). */
    CrashVerdict.Ending ending = CrashVerdict.Ending.BY_ITSELF;
    /** For a hung worker: when the ping that got no healthy answer was sent. */
    Instant unansweredPingSentAt;
    /** It named a request as the cause of its failure (FAULT on a stream). */
    boolean namedRequests;
    /** It said the application called System.exit. */
    boolean exitReported;
    /** Requests whose exchange failed with its connection: answered once it has exited and its verdict is known. */
    final List<PendingRequest> orphans = new ArrayList<>();
    /** Exchanges that failed with its connection (orphans and responses cut short). */
    int lostRequests;
    /** Set once it has exited: which of its requests caused its death. */
    CrashVerdict verdict;
    /** Why it is being recycled, when a token says more than the state ("OutOfMemory"); null otherwise. */
    String recycleReason;

    Worker(int ordinal, Instant launchedAt) {
        this.ordinal = ordinal;
        this.launchedAt = launchedAt;
        this.phaseSince = launchedAt;
        this.lastActivity = launchedAt;
        this.lastPong = launchedAt;
    }

    void enter(Phase next, Instant now) {
        phase = next;
        phaseSince = now;
    }

    /** The pid: the worker's own (from HELLO) once connected, else the launched process's. */
    long pid() {
        if (link != null) {
            return link.pid();
        }
        return process == null ? -1 : process.pid();
    }

    Duration uptime(Instant now) {
        return Duration.between(launchedAt, now);
    }

    boolean takesRequests() {
        return phase == Phase.RUNNING;
    }

    /** Whether a request may go to it straight from the listener: READY, not being recycled, with room. */
    boolean takesDirectRequests(int maxInFlight) {
        return phase == Phase.RUNNING && !retiring && inFlight.get() < maxInFlight;
    }

    WorkerInfo info(String pool, Instant now) {
        String state = switch (phase) {
            case STARTING -> "Starting";
            case RUNNING -> retiring ? "Recycling" : "Running";
            case DRAINING, EXITING -> "Stopping";
            // LOST: its connection went by itself; it is on its way out, and nobody killed it.
            case LOST -> "Stopping";
            case KILLED -> "Killed";
        };
        return new WorkerInfo(pool, pid(), state, uptime(now), inFlight.get(), requests.get(), recycleReason);
    }
}
