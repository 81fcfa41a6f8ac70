package io.lido.ipc.link;

/**
 * What happens to one exchange dispatched through a {@link WorkerLink}. Exactly one of
 * {@link #completed()} and {@link #failed} is called per exchange, possibly on the link's event loop:
 * implementations must not block.
 */
public interface ExchangeEvents {

    /** The worker sent the response head (after this a request can no longer be replayed). */
    default void responseStarted() {
    }

    /**
     * The worker named this request as the cause of its coming failure (a FAULT frame on its stream: the request
     * hung, or called {@code System.exit}); on the link's event loop, before {@link #failed} for the same cause.
     */
    default void faulted(io.lido.ipc.frame.FaultCodec.Fault fault) {
    }

    /**
     * The response completed (END frame relayed). Also called when the exchange ended without a link
     * failure in another way: the worker aborted the response (relayed as {@code ResponseChannel.abort}),
     * or the client went away and the worker was told to stop.
     */
    default void completed() {
    }

    /**
     * The link failed before the response completed (worker died, malformed frame...).
     * {@code responseStarted} tells whether any response byte reached the response channel. The link
     * has NOT touched the response channel after a failure: the caller decides (replay, 502, abort).
     */
    void failed(String reason, boolean responseStarted);
}
