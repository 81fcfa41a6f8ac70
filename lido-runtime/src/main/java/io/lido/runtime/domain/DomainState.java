package io.lido.runtime.domain;

/**
 * What an application's requests meet right now. {@link DomainLifecycle} publishes one of these through
 * a volatile field, so a request reads it once, without a lock.
 */
sealed interface DomainState {

    /** Before start. */
    DomainState NOT_STARTED = new Stopped("has not been started");
    /** After shutdown. */
    DomainState SHUT_DOWN = new Stopped("has been shut down");

    /** A started domain takes the requests. */
    record Serving(ActiveDomain domain) implements DomainState {
    }

    /** The last attempt to start failed with no domain to fall back on: 503 with the error (locally). */
    record Failed(Throwable error) implements DomainState {
    }

    /** app_offline.htm is in the application root: 503 with its content. */
    record Offline(byte[] page) implements DomainState {
    }

    /** No domain before start or after shutdown: plain 503. */
    record Stopped(String why) implements DomainState {
    }
}
