package io.lido.runtime.session;

import java.time.Duration;

/**
 * Where the sessions of one application live: in the application domain ({@code InProc}) or in the host
 * process ({@code StateServer}, so that sessions survive a worker recycle or crash). The session state
 * module of the runtime is the only caller.
 *
 * <p>Locking follows ASP.NET: a request whose handler writes the session holds it exclusively until it
 * releases it; read-only requests share it with each other; a conflicting request waits. A store must
 * break a lock held longer than the lock timeout it was created with (ASP.NET's executionTimeout), so a
 * lost worker never blocks a session for ever.
 */
public interface SessionStore {

    /**
     * Locks and reads a session; waits while a conflicting lock is held, up to {@code wait}.
     *
     * @param exclusive true for a handler that writes the session, false for a read-only one
     * @return the lease, or null when the session does not exist (never created, expired or abandoned)
     * @throws SessionLockTimeoutException when the lock was not granted within {@code wait}
     * @throws InterruptedException        when the request thread is interrupted while waiting
     */
    SessionLease acquire(String id, boolean exclusive, Duration wait) throws InterruptedException;

    /**
     * Creates a new empty session, already locked as asked.
     *
     * @throws IllegalStateException when a session with this id exists
     */
    SessionLease create(String id, Duration timeout, boolean exclusive);

    /**
     * Releases a lease and renews the session's sliding timeout. For an exclusive lease a non-null
     * {@link SessionUpdate#items()} replaces the stored items; {@link SessionUpdate#abandon()} removes the
     * session. A shared lease's update must carry null items.
     */
    void release(SessionLease lease, SessionUpdate update);

    /**
     * Checks that this store can keep a value, so that {@code HttpSessionState.set} fails at once rather
     * than when the request releases the session. The InProc store keeps any object; StateServer only
     * the documented safe types.
     *
     * @throws IllegalArgumentException naming the key and the value's class when it cannot be stored
     */
    default void checkValue(String name, Object value) {
    }
}
