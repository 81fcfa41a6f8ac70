package io.lido.runtime.session;

/**
 * Opens the StateServer store of an application: the host process implements it directly for in-process
 * pools, a worker over its channel to the host. Values crossing it are limited to the documented safe
 * session value types (docs/session-state.md); nothing is deserialised as an arbitrary Java class.
 */
@FunctionalInterface
public interface StateServerConnector {

    /**
     * The store for one application.
     *
     * @param applicationKey identifies the application across workers and recycles: site id and
     *                       application path, e.g. {@code "1/app"}
     * @param lockTimeout    how long a lock may be held before the store breaks it
     */
    SessionStore open(String applicationKey, java.time.Duration lockTimeout);
}
