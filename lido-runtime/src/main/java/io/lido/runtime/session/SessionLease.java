package io.lido.runtime.session;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A session locked for one request: its items as they were when the lock was granted, and the token that
 * releases the lock.
 *
 * @param id        the session id (the cookie value)
 * @param lockId    the store's token for this lock; release must present it (a broken lock's token is stale)
 * @param exclusive whether the lock is exclusive (write) or shared (read-only)
 * @param items     a private copy of the session's items: the caller may change it freely
 * @param timeout   the session's sliding timeout
 * @param isNew     whether the session was created for this request
 */
public record SessionLease(String id, long lockId, boolean exclusive, Map<String, Object> items, Duration timeout,
                           boolean isNew) {
    public SessionLease {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(timeout, "timeout");
    }
}
