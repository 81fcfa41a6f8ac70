package io.lido.activation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The administrator's verbs that start workers ({@code lido recycle apppool}, {@code lido start apppool}) waiting
 * for those starts, so that their answer says what happened: a success once the workers they replaced are gone
 * or replaced by READY ones and no worker of the pool is still starting, a failure as soon as a worker of the
 * pool fails to start (or the pool stops). A recycle is never "successful" while its replacement cannot start.
 * Used on the pool's thread only.
 */
final class PendingStarts {

    /** What a verb reports: whether it succeeded, and the sentence for the operator. */
    record Outcome(boolean succeeded, String message) {
        static Outcome success(String message) {
            return new Outcome(true, message);
        }

        static Outcome failure(String message) {
            return new Outcome(false, message);
        }
    }

    private record Waiter(List<Worker> replaced, String success, CompletableFuture<Outcome> done) {
    }

    private final List<Waiter> waiting = new ArrayList<>();

    /**
     * Waits until the {@code replaced} workers have left the pool or have a READY replacement, and no worker is
     * starting; then {@code done} completes with {@code success}.
     */
    void await(Collection<Worker> replaced, String success, CompletableFuture<Outcome> done) {
        waiting.add(new Waiter(List.copyOf(replaced), success, done));
    }

    /** Completes the waiters the pool's {@code workers} now satisfy. */
    void check(List<Worker> workers) {
        if (waiting.isEmpty() || workers.stream().anyMatch(w -> w.phase == Worker.Phase.STARTING)) {
            return;
        }
        for (Iterator<Waiter> it = waiting.iterator(); it.hasNext(); ) {
            Waiter waiter = it.next();
            if (waiter.replaced().stream().allMatch(old -> !workers.contains(old) || replaced(old))) {
                it.remove();
                waiter.done().complete(Outcome.success(waiter.success()));
            }
        }
    }

    private static boolean replaced(Worker old) {
        return old.phase != Worker.Phase.RUNNING && old.replacement != null
                && old.replacement.phase == Worker.Phase.RUNNING;
    }

    /** A worker of the pool failed to start, or the pool stopped: every waiter fails with that reason. */
    void fail(String why) {
        List<Waiter> all = List.copyOf(waiting);
        waiting.clear();
        for (Waiter waiter : all) {
            waiter.done().complete(Outcome.failure(why));
        }
    }
}
