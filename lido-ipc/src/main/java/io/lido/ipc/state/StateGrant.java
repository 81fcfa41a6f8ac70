package io.lido.ipc.state;

import java.time.Duration;
import java.util.Objects;

/**
 * A session lock granted by the StateServer, with the session's items as they were at that moment.
 *
 * @param sessionId the session id
 * @param lockId    the token that releases this lock; stale once the lock is broken
 * @param exclusive whether the lock is exclusive (write) or shared (read-only)
 * @param items     the encoded items ({@link SessionValueCodec}), shared with the store: never modified
 * @param timeout   the session's sliding timeout
 * @param isNew     whether the session was created by this call
 */
public record StateGrant(String sessionId, long lockId, boolean exclusive, byte[] items, Duration timeout,
                         boolean isNew) {
    public StateGrant {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(timeout, "timeout");
    }
}
