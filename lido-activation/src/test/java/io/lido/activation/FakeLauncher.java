package io.lido.activation;

import io.lido.config.ApplicationPoolConfig;

import java.util.ArrayList;
import java.util.List;

/** Launches {@link FakeWorker}s and remembers them, newest last. */
final class FakeLauncher implements WorkerLauncher {
    final List<FakeWorker> launched = new ArrayList<>();
    private long nextPid = 1000;

    @Override
    public WorkerProcess launch(ApplicationPoolConfig pool, int ordinal) {
        FakeWorker worker = new FakeWorker(nextPid++, pool);
        launched.add(worker);
        return worker;
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
