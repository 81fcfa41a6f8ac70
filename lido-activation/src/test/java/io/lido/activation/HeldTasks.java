package io.lido.activation;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * Runs tasks on the caller's thread, or, while held, keeps them until {@link #release()}: a test then
 * sees what the pool does without its thread, as on a listener event loop while the pool is busy.
 */
final class HeldTasks implements Executor {
    private final Queue<Runnable> held = new ArrayDeque<>();
    private boolean holding;

    @Override
    public void execute(Runnable task) {
        if (holding) {
            held.add(task);
        } else {
            task.run();
        }
    }

    void hold() {
        holding = true;
    }

    /** Stops holding and runs the tasks kept so far, in order. */
    void release() {
        holding = false;
        Runnable task;
        while ((task = held.poll()) != null) {
            task.run();
        }
    }

    int held() {
        return held.size();
    }
}
