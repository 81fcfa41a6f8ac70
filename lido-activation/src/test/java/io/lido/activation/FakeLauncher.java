package io.lido.activation;

import io.lido.config.ApplicationPoolConfig;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Launches {@link FakeWorker}s and remembers them, newest last. */
final class FakeLauncher implements WorkerLauncher {
    final List<FakeWorker> launched = new CopyOnWriteArrayList<>();
    /** Pools whose JVM has no AOT cache yet; a launch starts its training, so the pool leaves the set. */
    final Set<String> withoutAotCache = ConcurrentHashMap.newKeySet();
    private long nextPid = 1000;

    @Override
    public WorkerProcess launch(ApplicationPoolConfig pool, int ordinal) {
        FakeWorker worker = new FakeWorker(nextPid++, pool);
        launched.add(worker);
        withoutAotCache.remove(pool.name());
        return worker;
    }

    @Override
    public boolean needsAotTraining(ApplicationPoolConfig pool) {
        return withoutAotCache.contains(pool.name());
    }

    FakeWorker last() {
        return launched.getLast();
    }

    FakeWorker get(int index) {
        return launched.get(index);
    }

    int count() {
        return launched.size();
    }
}
