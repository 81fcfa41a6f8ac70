package io.lido.ipc.link;

import io.lido.ipc.RequestBody;
import io.lido.ipc.RequestHead;
import io.lido.ipc.ResponseChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Host side of the Unix-domain-socket connection(s) to one worker process. Thread-safe. */
public interface WorkerLink extends AutoCloseable {

    /** The worker's pid, from its HELLO frame. */
    long pid();

    /**
     * Sends a request to the worker. Never blocks the caller (event loop). The link relays body chunks
     * from {@code body} and writes the response into {@code response}; failures are reported to
     * {@code events}, never thrown.
     */
    void dispatch(RequestHead head, RequestBody body, ResponseChannel response, ExchangeEvents events);

    /** Completes with the round-trip time on PONG. */
    CompletableFuture<Duration> ping();

    /**
     * Asks the worker to restart the domain of one application ({@code lido recycle app}); completes with
     * its reply once the new domain serves or has failed, or exceptionally when the connection closes.
     */
    CompletableFuture<io.lido.ipc.frame.RecycleCodec.Reply> recycleApplication(long siteId, String applicationPath);

    /**
     * Asks the worker for the domain state of every application it hosts ({@code lido list app}); completes with
     * its reply, or exceptionally when the connection closes.
     */
    CompletableFuture<io.lido.ipc.frame.DomainStatusCodec.Reply> applicationStatus();

    /**
     * Asks the worker for the requests it executes that have run at least {@code minElapsedMillis}
     * ({@code lido list request}); completes with its reply, or exceptionally when the connection closes.
     */
    default CompletableFuture<io.lido.ipc.frame.RequestListCodec.Reply> executingRequests(long minElapsedMillis) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("this link lists no requests"));
    }

    /** The worker stops taking requests, finishes in-flight ones, exits. */
    void drain();

    /** The number of exchanges sent and not yet completed or failed. */
    int inFlight();

    /** Whether the connection is still usable. */
    boolean isOpen();

    /** Called once when the connection is gone, with the reason. */
    void onClose(Consumer<String> reason);

    /**
     * Receives every FAULT the worker sends (docs/ipc.md), on the link's event loop: the last listener set wins.
     * Must not block.
     */
    default void onFault(Consumer<io.lido.ipc.frame.FaultCodec.Fault> listener) {
    }

    /** Closes the connection(s) (the worker exits when it notices). */
    @Override
    void close();
}
