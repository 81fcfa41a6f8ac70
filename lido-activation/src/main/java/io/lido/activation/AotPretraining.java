package io.lido.activation;

import io.lido.config.ApplicationPoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Trains the JDK AOT cache of on-demand pools before their first request: a worker started from the cache is
 * ready in about half the time of the worker that trains it, and without this the first request after the
 * host starts (or after a pool's JVM options change) would wait for the training worker.
 *
 * <p>For each pool offered (at host start, and when a configuration change adds or changes a pool) that starts
 * on demand, keeps the cache, and whose JVM has none and no training under way, {@link ApplicationPool#pretrain()}
 * starts one worker and lets it go once READY. {@code AlwaysRunning} pools are left alone: their first worker
 * trains anyway. Pools are trained one at a time, each once the previous pool's worker has exited (its JVM
 * writes the cache then, which takes a cpu for seconds) or stayed to serve requests that came while it started,
 * so that a host with many pools does not start them all at once; a pool offered again while it waits is queued
 * once.
 *
 * <p>Thread-safe; never blocks the caller beyond the cache check of the first pool (a few file reads).
 */
final class AotPretraining {
    private static final Logger LOG = LoggerFactory.getLogger(AotPretraining.class);

    private final WorkerLauncher launcher;
    private final Executor threads;
    private final Deque<ApplicationPool> waiting = new ArrayDeque<>();
    private boolean running;
    private boolean closed;
    private volatile AotTrainingLoad load;

    /**
     * @param threads runs the queue once the previous pool's worker has exited; tests pass {@code Runnable::run}
     */
    AotPretraining(WorkerLauncher launcher, Executor threads) {
        this.launcher = launcher;
        this.threads = threads;
    }

    /** The load a training worker serves before it exits, for pools with a {@code jvmAotTrainingUrl}. */
    void trainWith(AotTrainingLoad load) {
        this.load = load;
    }

    /** Queues the pool for a training worker, if its JVM needs a cache when its turn comes. */
    void offer(ApplicationPool pool) {
        synchronized (this) {
            if (closed || waiting.contains(pool)) {
                return;
            }
            waiting.add(pool);
            if (running) {
                return;
            }
            running = true;
        }
        threads.execute(this::runQueue);
    }

    /** Starts no more training workers (the host is stopping); one already started stops with its pool. */
    synchronized void close() {
        closed = true;
        waiting.clear();
    }

    /** Pools still waiting for their turn. */
    synchronized int waiting() {
        return waiting.size();
    }

    private void runQueue() {
        while (true) {
            ApplicationPool pool;
            synchronized (this) {
                pool = closed ? null : waiting.poll();
                if (pool == null) {
                    running = false;
                    return;
                }
            }
            CompletableFuture<Boolean> done = train(pool);
            if (!done.isDone()) {
                done.whenComplete((trained, error) -> threads.execute(this::runQueue));
                return;
            }
        }
    }

    /** Completes once the pool's training worker has exited or stays to serve, at once when it needs none. */
    private CompletableFuture<Boolean> train(ApplicationPool pool) {
        return pool.pretrain(this::needsTraining, load);
    }

    private boolean needsTraining(ApplicationPoolConfig config) {
        if (config.alwaysRunning() || !config.jvmAotCache()) {
            return false;
        }
        try {
            return launcher.needsAotTraining(config);
        } catch (RuntimeException e) {
            // The pool's first launch fails the same way and reports it where requests see it.
            LOG.warn("Application pool '{}': cannot tell whether its JVM has an AOT cache, so none is trained ahead of"
                    + " demand: {}", config.name(), e.getMessage());
            return false;
        }
    }
}
