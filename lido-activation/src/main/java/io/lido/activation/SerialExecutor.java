package io.lido.activation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs tasks one at a time, in submission order, on threads of a delegate executor. A task submitted
 * from inside a running task runs after it (never nested), which lets the pool's state machine call
 * out (a link, a response channel) without re-entering itself. With {@code Runnable::run} as the
 * delegate everything runs on the caller's thread, which is what the unit tests use.
 */
final class SerialExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);
    private final Executor delegate;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    SerialExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (draining.compareAndSet(false, true)) {
            delegate.execute(this::drain);
        }
    }

    /** A failing task must not stop the ones behind it: the pool's state machine lives on this queue. */
    private static void runGuarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("An activation task failed: {}", e.toString(), e);
        }
    }

    private void drain() {
        boolean finished = false;
        try {
            drainLoop();
            finished = true;
        } finally {
            if (!finished) {
                // An Error escaped a task: hand the remaining tasks to a fresh drain rather than strand them.
                draining.set(false);
                if (!tasks.isEmpty() && draining.compareAndSet(false, true)) {
                    delegate.execute(this::drain);
                }
            }
        }
    }

    private void drainLoop() {
        while (true) {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                runGuarded(task);
            }
            draining.set(false);
            // A task added between the last poll and the reset must not be stranded.
            if (tasks.isEmpty() || !draining.compareAndSet(false, true)) {
                return;
            }
        }
    }
}
