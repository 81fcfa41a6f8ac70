package io.lido.activation;

import io.lido.ipc.link.WorkerLink;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A started worker process, as its pool sees it. Implementations are thread-safe. */
public interface WorkerProcess {

    /** The process id (the worker JVM's own, once known). */
    long pid();

    /** Completes with the link once the worker is READY; exceptionally when it dies or its socket closes first. */
    CompletableFuture<WorkerLink> ready();

    /** Completes with the exit code when the process has exited (128+N for a signal N). */
    CompletableFuture<Integer> exited();

    /**
     * How long the process may take to exit once it has drained and closed its connection, when its JVM has
     * work of its own to finish then (writing a JDK AOT cache takes seconds). Zero: none, the pool's
     * {@code shutdownTimeLimit} covers the drain and the exit.
     */
    default Duration exitGrace() {
        return Duration.ZERO;
    }

    /** Kills the process at once (SIGKILL). */
    void kill();

    /** The resident set size in KB (VmRSS), or -1 when unknown (the process is gone). */
    long residentMemoryKb();

    /** The virtual size in KB (VmSize), or -1 when unknown. */
    long virtualMemoryKb();

    /**
     * Writes a thread dump of the worker to the pool's log folder before it is killed for not answering
     * pings. Blocks for a bounded time; the pool runs it off its own thread.
     */
    void writeThreadDump();
}
