package io.lido.ipc.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The sessions of one application in the StateServer, and what they count against its limits. */
final class ApplicationSessions {
    /** The items of a new session: an empty map. */
    private static final byte[] EMPTY = SessionValueCodec.encode(Map.of());

    final String key;
    final StateServer server;
    private final StateLimits limits;
    private final Map<String, StoredSession> sessions = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();

    ApplicationSessions(String key, StateServer server, StateLimits limits) {
        this.key = key;
        this.server = server;
        this.limits = limits;
    }

    /** The live session of that id, or null (an idle one past its timeout counts as gone). */
    StoredSession find(String id, Instant now) {
        StoredSession session = sessions.get(id);
        return session == null || session.expired(now) ? null : session;
    }

    /**
     * Adds an empty session.
     *
     * @throws StateException EXISTS when a live session has that id, LIMIT when the application has its maximum
     */
    synchronized StoredSession create(String id, Duration timeout, Instant now) {
        StoredSession existing = sessions.get(id);
        if (existing != null && !existing.expired(now)) {
            throw new StateException(StateException.Kind.EXISTS, "session " + id + " of application '" + key
                    + "' exists");
        }
        if (existing != null) {
            // Idle past its timeout and not swept yet: it goes now, so that its bytes stop counting.
            java.util.List<Runnable> done = new java.util.ArrayList<>(0);
            existing.sweep(now, done);
            done.forEach(Runnable::run);
        }
        if (sessions.size() >= limits.maxSessionsPerApplication()) {
            throw new StateException(StateException.Kind.LIMIT, "application '" + key + "' has "
                    + limits.maxSessionsPerApplication() + " sessions in the StateServer, its limit "
                    + "(maxSessionsPerApplication); no new session can start until some expire");
        }
        StoredSession session = new StoredSession(id, this, EMPTY, timeout, now);
        sessions.put(id, session);
        bytes.addAndGet(EMPTY.length);
        return session;
    }

    /**
     * Accounts for a session's items changing size.
     *
     * @throws StateException LIMIT when the session or the application would pass its limit (nothing changes)
     */
    void resize(String id, int oldSize, int newSize) {
        if (newSize > limits.maxSessionBytes()) {
            throw new StateException(StateException.Kind.LIMIT, "session " + id + " of application '" + key
                    + "' would hold " + newSize + " bytes of items, over the StateServer limit of "
                    + limits.maxSessionBytes() + " bytes per session; its changes were not stored");
        }
        long delta = newSize - oldSize;
        long total = bytes.addAndGet(delta);
        if (delta > 0 && total > limits.maxBytesPerApplication()) {
            bytes.addAndGet(-delta);
            throw new StateException(StateException.Kind.LIMIT, "application '" + key + "' would hold " + total
                    + " bytes of sessions, over the StateServer limit of " + limits.maxBytesPerApplication()
                    + " bytes per application (maxBytesPerApplication); the changes of session " + id
                    + " were not stored");
        }
    }

    /** A session was abandoned or expired (called under its lock). */
    void removed(StoredSession session, int size) {
        if (sessions.remove(session.id, session)) {
            bytes.addAndGet(-size);
        }
    }

    Iterable<StoredSession> sessions() {
        return sessions.values();
    }

    int count() {
        return sessions.size();
    }

    long bytes() {
        return bytes.get();
    }
}
