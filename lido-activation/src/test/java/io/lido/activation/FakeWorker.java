package io.lido.activation;

import io.lido.config.ApplicationPoolConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A worker process the test starts, connects, crashes and measures by hand. */
final class FakeWorker implements WorkerProcess {
    final long pid;
    final ApplicationPoolConfig config;
    final FakeLink link;
    final CompletableFuture<io.lido.ipc.link.WorkerLink> ready = new CompletableFuture<>();
    final CompletableFuture<Integer> exited = new CompletableFuture<>();
    /** What happened to the process, in order ("dump", "kill"). */
    final List<String> events = new ArrayList<>();
    volatile long rssKb = 50_000;
    volatile Duration exitGrace = Duration.ZERO;

    FakeWorker(long pid, ApplicationPoolConfig config) {
        this.pid = pid;
        this.config = config;
        this.link = new FakeLink(pid);
    }

    /** The worker connected and its applications started. */
    FakeLink becomeReady() {
        ready.complete(link);
        return link;
    }

    /** The process exits by itself. */
    void exit(int code) {
        exited.complete(code);
    }

    /** The worker crashes while running: the connection drops, then the process is gone. */
    void crash(int code, boolean responseStarted) {
        link.die(responseStarted);
        exit(code);
    }

    boolean killed() {
        return events.contains("kill");
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public CompletableFuture<io.lido.ipc.link.WorkerLink> ready() {
        return ready;
    }

    @Override
    public CompletableFuture<Integer> exited() {
        return exited;
    }

    @Override
    public void kill() {
        events.add("kill");
        if (!ready.isDone()) {
            ready.completeExceptionally(new IllegalStateException("killed"));
        }
        exited.complete(137);
    }

    @Override
    public Duration exitGrace() {
        return exitGrace;
    }

    @Override
    public long residentMemoryKb() {
        return rssKb;
    }

    @Override
    public long virtualMemoryKb() {
        return rssKb * 4;
    }

    @Override
    public void writeThreadDump() {
        events.add("dump");
    }
}
