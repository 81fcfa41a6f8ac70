package io.lido.listener.log;

/**
 * Receives what the listener answered itself (httperr log). Called on event-loop threads: must not block.
 */
public interface ErrorLog {

    /** An error log that discards everything. */
    ErrorLog NONE = entry -> { };

    void record(ListenerError entry);
}
