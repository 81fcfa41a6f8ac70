package io.lido.api;

/** A subscriber to one {@link PipelineEvent}; runs on the request's thread and may block. */
@FunctionalInterface
public interface EventHandler {

    /** Handles the event for the current request. */
    void handle(HttpContext context) throws Exception;
}
