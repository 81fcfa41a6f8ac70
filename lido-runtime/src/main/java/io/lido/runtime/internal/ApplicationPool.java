package io.lido.runtime.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * The free list of {@link ApplicationInstance}s of one application (ASP.NET's HttpApplicationFactory):
 * a request takes a free instance, or a new one when none is free, and returns it afterwards. The list
 * is LIFO so the most recently used instance, warm in the CPU caches, serves next.
 */
final class ApplicationPool {
    private final Supplier<ApplicationInstance> factory;
    private final ConcurrentLinkedDeque<ApplicationInstance> free = new ConcurrentLinkedDeque<>();
    private final Queue<ApplicationInstance> all = new ConcurrentLinkedQueue<>();

    ApplicationPool(Supplier<ApplicationInstance> factory) {
        this.factory = factory;
    }

    /** A free instance, or a new one (whose creation may throw) when none is free. */
    ApplicationInstance take() {
        ApplicationInstance instance = free.pollFirst();
        if (instance != null) {
            return instance;
        }
        instance = factory.get();
        all.add(instance);
        return instance;
    }

    /** Returns an instance after its request. */
    void release(ApplicationInstance instance) {
        free.addFirst(instance);
    }

    /** How many instances exist (free or busy). */
    int size() {
        return all.size();
    }

    /** How many instances are free now. */
    int freeCount() {
        return free.size();
    }

    /** Disposes every instance's modules; called once at shutdown after requests drained. */
    void disposeAll() {
        free.clear();
        ApplicationInstance instance;
        while ((instance = all.poll()) != null) {
            instance.dispose();
        }
    }
}
