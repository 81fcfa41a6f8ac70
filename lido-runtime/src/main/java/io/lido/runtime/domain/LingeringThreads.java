package io.lido.runtime.domain;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds the threads an unloaded domain left running: a live thread whose class came from the domain's
 * loader, or whose context classloader is it (a thread created by application code inherits the
 * request's context loader). Each one keeps the whole domain in memory, so it is logged as a warning
 * naming the thread and the frame it is in. Virtual threads cannot be enumerated by the JDK and are
 * not reported.
 */
final class LingeringThreads {
    private static final Logger LOG = LoggerFactory.getLogger(LingeringThreads.class);
    /** Threads told to stop in onEnd often need a moment to get there. */
    private static final long GRACE_MILLIS = 200;

    private LingeringThreads() {
    }

    /** The live platform threads that belong to {@code loader}, after a short grace period. */
    static List<Thread> find(ClassLoader loader) {
        List<Thread> found = candidates(loader);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
        for (Thread t : found) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return found.stream().filter(Thread::isAlive).toList();
    }

    /** Logs one warning per lingering thread; returns how many there were. */
    static int report(ClassLoader loader, String application, int generation) {
        List<Thread> lingering = find(loader);
        for (Thread t : lingering) {
            StackTraceElement[] stack = t.getStackTrace();
            LOG.warn("Application {}: thread \"{}\" ({}) started by domain {} is still running after it unloaded; "
                            + "it keeps the domain's classes in memory (at {})",
                    application, t.getName(), t.getClass().getName(), generation,
                    stack.length == 0 ? "no Java frame" : stack[0]);
        }
        return lingering.size();
    }

    private static List<Thread> candidates(ClassLoader loader) {
        List<Thread> out = new ArrayList<>();
        Thread self = Thread.currentThread();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t != self && t.isAlive() && (t.getContextClassLoader() == loader || t.getClass().getClassLoader() == loader)) {
                out.add(t);
            }
        }
        return out;
    }
}
