package io.lido.ipc.link;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** Accepts the connection of one worker process that the activation service is starting. */
public final class WorkerEndpoint implements AutoCloseable {
    private final Path socketPath;
    private final CompletableFuture<WorkerLink> ready = new CompletableFuture<>();

    private WorkerEndpoint(Path socketPath) {
        this.socketPath = socketPath;
    }

    /** Binds a Unix-domain server socket at that path (Netty epoll domain sockets). */
    public static WorkerEndpoint listen(Path socketPath) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /**
     * Completes when the worker has connected and sent READY (its applications started); completes
     * exceptionally if the socket is closed first.
     */
    public CompletableFuture<WorkerLink> ready() {
        return ready;
    }

    public Path socketPath() {
        return socketPath;
    }

    @Override
    public void close() {
        ready.completeExceptionally(new IllegalStateException("endpoint closed"));
    }
}
