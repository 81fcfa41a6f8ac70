package io.lido.runtime.cache;

import io.lido.api.CacheItemRemovedCallback;
import io.lido.api.CacheItemRemovedReason;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Records removal callbacks; {@link #await} waits for one that happens in the background. */
final class Removals implements CacheItemRemovedCallback {
    record Removal(String key, Object value, CacheItemRemovedReason reason, String thread) {
    }

    private final List<Removal> seen = new CopyOnWriteArrayList<>();

    @Override
    public void removed(String key, Object value, CacheItemRemovedReason reason) {
        seen.add(new Removal(key, value, reason, Thread.currentThread().getName()));
        synchronized (this) {
            notifyAll();
        }
    }

    List<Removal> all() {
        return List.copyOf(seen);
    }

    /** Waits up to 10 s for at least {@code count} removals. */
    synchronized List<Removal> await(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (seen.size() < count && System.nanoTime() < deadline) {
            wait(50);
        }
        return all();
    }
}
