package io.lido.listener.log;

/**
 * Receives every completed exchange of a site (the W3C log). Called on listener event-loop threads, so
 * implementations must not block on disk: they queue and write in the background.
 */
public interface AccessLog {

    /** An access log that discards everything. */
    AccessLog NONE = (siteId, entry) -> { };

    void record(long siteId, AccessRecord entry);
}
