package io.lido.runtime.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The free list of {@link ApplicationInstance}s of one application (ASP.NET's HttpApplicationFactory):
 * a request takes a free instance, or a new one when none is free, and returns it afterwards. The list
 * is LIFO so the most recently used instance, warm in the CPU caches, serves next.
 *
 * <p>A burst of concurrent requests creates as many instances as it needs; afterwards at most
 * {@code maxFree} are kept and the rest are disposed, so one spike does not pin its memory forever.
 */
final class ApplicationPool {
    /** Default for {@code maxFree}: far above the steady concurrency of one application on a host. */
    static final int DEFAULT_MAX_FREE = 256;

    private final Supplier<ApplicationInstance> factory;
    private final int maxFree;
    private final ConcurrentLinkedDeque<ApplicationInstance> free = new ConcurrentLinkedDeque<>();
    private final AtomicInteger freeCount = new AtomicInteger();
    private final Queue<ApplicationInstance> all = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();

    ApplicationPool(Supplier<ApplicationInstance> factory, int maxFree) {
        this.factory = factory;
        this.maxFree = maxFree;
    }

    /** A free instance, or a new one (whose creation may throw) when none is free. */
    ApplicationInstance take() {
        ApplicationInstance instance = free.pollFirst();
        if (instance != null) {
            freeCount.decrementAndGet();
            return instance;
        }
        instance = factory.get();
        all.add(instance);
        size.incrementAndGet();
        return instance;
    }

    /** Returns an instance after its request; beyond {@code maxFree} free instances it is disposed. */
    void release(ApplicationInstance instance) {
        if (freeCount.incrementAndGet() > maxFree) {
            freeCount.decrementAndGet();
            all.remove(instance);
            size.decrementAndGet();
            instance.dispose();
            return;
        }
        free.addFirst(instance);
    }

    /** How many instances exist (free or busy). */
    int size() {
        return size.get();
    }

    /** How many instances are free now. */
    int freeCount() {
        return freeCount.get();
    }

    /** Disposes every instance's modules; called once at shutdown after requests drained. */
    void disposeAll() {
        free.clear();
        freeCount.set(0);
        ApplicationInstance instance;
        while ((instance = all.poll()) != null) {
            size.decrementAndGet();
            instance.dispose();
        }
    }
}
