package io.lido.ipc.link;

/**
 * A PONG that says the worker is hung: its request threads are starved or a request has made no
 * progress for too long (docs/ipc.md, "Health"). {@link WorkerLink#ping()} completes with it.
 */
public final class WorkerHungException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WorkerHungException(String report) {
        super(report);
    }
}
