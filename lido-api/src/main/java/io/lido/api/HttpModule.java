package io.lido.api;

/**
 * Takes part in every request of an application by subscribing to pipeline events
 * (web.config {@code <modules><add name type/>}).
 *
 * <p>Each pooled {@link HttpApplication} instance gets its own module instances; {@link #init} is called
 * once per instance, before it serves its first request, and is where the module subscribes with
 * {@link HttpApplication#on}. Subscriptions are fixed after init: the pipeline compiles them once.
 */
public interface HttpModule {

    /** Subscribes to the events this module needs. */
    void init(HttpApplication application);

    /** Called when the application instance is discarded (the application shuts down). */
    default void dispose() {
    }
}
