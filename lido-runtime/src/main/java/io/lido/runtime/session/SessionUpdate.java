package io.lido.runtime.session;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What a request hands back when it releases its session lease.
 *
 * @param items   the new items (exclusive leases only), or null when the request changed nothing
 * @param timeout the session's timeout from now on (a handler may change it)
 * @param abandon true when the request abandoned the session: the store removes it
 */
public record SessionUpdate(Map<String, Object> items, Duration timeout, boolean abandon) {
    public SessionUpdate {
        Objects.requireNonNull(timeout, "timeout");
    }

    /** Releases without a change. */
    public static SessionUpdate unchanged(SessionLease lease) {
        return new SessionUpdate(null, lease.timeout(), false);
    }
}
