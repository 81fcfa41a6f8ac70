package io.lido.ipc.link;

/** What happens to one exchange dispatched through a {@link WorkerLink}. */
public interface ExchangeEvents {

    /** The worker sent the response head (after this a request can no longer be replayed). */
    default void responseStarted() {
    }

    /** The response completed (END frame relayed). */
    default void completed() {
    }

    /**
     * The link failed before the response completed (worker died, malformed frame...).
     * {@code responseStarted} tells whether any response byte reached the response channel. The link
     * has NOT touched the response channel after a failure: the caller decides (replay, 502, abort).
     */
    void failed(String reason, boolean responseStarted);
}
