package io.lido.ipc;

import java.nio.file.Path;
import java.util.concurrent.Executor;

/**
 * Where the runtime writes a response. Called from the runtime's request thread, never from the
 * listener's event loop; every method is thread-safe with respect to the listener. The calls come in
 * this order: one {@link #sendHead}, any number of {@link #sendBody}/{@link #sendFile}, then exactly one
 * {@link #end} or {@link #abort}.
 */
public interface ResponseChannel {

    /** Sends the status line and headers. */
    void sendHead(ResponseHead head);

    /**
     * Sends body bytes (copied before the call returns). Blocks while the client is slower than the
     * application, so memory stays flat.
     */
    void sendBody(byte[] data, int offset, int length);

    /** Sends a region of a file; the transport may use zero-copy (sendfile). */
    void sendFile(Path file, long offset, long length);

    /** Completes the response. */
    void end();

    /** Abandons the response: the connection is closed without completing it. */
    void abort(String reason);

    /** Whether the client is still connected. */
    boolean isClientConnected();

    /**
     * Whether about {@code bytes} more bytes of response (the head's fields, when it has not been sent,
     * plus body bytes) and then {@link #end()} would go through without blocking the caller (the
     * transport only buffers them until the end). A caller on an event loop (the host
     * side of a worker link) uses it to pass a small, complete response on at once instead of handing
     * it to another thread. The answer holds for the calling thread until it makes those calls.
     * The default, false, is always safe.
     */
    default boolean canSendWithoutBlocking(long bytes) {
        return false;
    }

    /**
     * The executor that owns this exchange's connection (the transport's event loop), on which the runtime
     * may schedule the request's virtual thread so that reading the request, running it and writing its
     * response happen on one thread without a hand-off; null (the default) when the transport has none to
     * offer.
     */
    default Executor requestScheduler() {
        return null;
    }

    /**
     * Called once, on the dispatching thread, with the thread that will run the request's application code
     * (before it starts): a worker uses it to tell which request called {@code System.exit}. The default ignores it.
     */
    default void executesOn(Thread thread) {
    }

    /**
     * The request's application code ran out of heap (the request is answered 500 all the same): a transport whose
     * process can be replaced asks for that (a worker process is recycled). The default ignores it.
     */
    default void outOfMemory(OutOfMemoryError error) {
    }
}
