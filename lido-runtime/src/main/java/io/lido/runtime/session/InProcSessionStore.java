package io.lido.runtime.session;

import io.lido.config.TimeSpans;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code InProc} session store: sessions kept in the application domain as live objects (nothing is
 * serialised), gone when the domain unloads, as in ASP.NET. Expired sessions are removed by the shared
 * {@link SessionSweeper} (and found expired on access); Session_End is raised through the
 * {@link SessionEndListener} for expired and abandoned sessions, not for those dropped by {@link #close()}.
 *
 * <p>Thread-safe. Locks follow {@link SessionStore}; a lock held longer than the lock timeout is broken
 * when another request asks for it.
 */
public final class InProcSessionStore implements SessionStore, AutoCloseable {
    static final Logger LOG = LoggerFactory.getLogger(InProcSessionStore.class);

    private final String owner;
    private final Clock clock;
    private final Duration lockTimeout;
    private final SessionEndListener onEnd;
    private final ConcurrentHashMap<String, InProcSession> sessions = new ConcurrentHashMap<>();
    private final AtomicLong lockIds = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param owner       the application, for log messages
     * @param clock       decides expiry and lock age
     * @param lockTimeout how long a lock may be held before it is broken
     * @param onEnd       raises Session_End
     */
    public InProcSessionStore(String owner, Clock clock, Duration lockTimeout, SessionEndListener onEnd) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lockTimeout = Objects.requireNonNull(lockTimeout, "lockTimeout");
        this.onEnd = Objects.requireNonNull(onEnd, "onEnd");
        SessionSweeper.shared().register(this);
    }

    @Override
    public SessionLease acquire(String id, boolean exclusive, Duration wait) throws InterruptedException {
        InProcSession session = sessions.get(id);
        if (session == null) {
            return null;
        }
        Object result = session.lock(exclusive, wait, clock, lockTimeout, lockIds);
        if (result instanceof SessionLease lease) {
            return lease;
        }
        if (result == InProcSession.Outcome.EXPIRED && sessions.remove(id, session)) {
            end(session, "expired");
        }
        return null;
    }

    @Override
    public SessionLease create(String id, Duration timeout, boolean exclusive) {
        if (closed) {
            throw new IllegalStateException("the session store of " + owner + " is closed");
        }
        long now = clock.millis();
        InProcSession session = new InProcSession(id, timeout, now);
        SessionLease lease = session.lockNew(exclusive, now, lockIds.incrementAndGet());
        if (sessions.putIfAbsent(id, session) != null) {
            throw new IllegalStateException("session " + id + " of " + owner + " already exists");
        }
        return new SessionLease(id, lease.lockId(), exclusive, lease.items(), timeout, true);
    }

    @Override
    public void release(SessionLease lease, SessionUpdate update) {
        InProcSession session = sessions.get(lease.id());
        if (session == null || !session.release(lease, update, clock.millis())) {
            LOG.warn("Application {}: session {} was released after its lock had been broken (held longer than {});"
                    + " this request's changes are lost", owner, lease.id(), TimeSpans.format(lockTimeout));
            return;
        }
        if (update.abandon() && sessions.remove(lease.id(), session)) {
            end(session, "abandoned");
        }
    }

    /** Removes the sessions whose timeout has passed and raises Session_End for each. */
    public void sweep() {
        long now = clock.millis();
        for (InProcSession session : sessions.values()) {
            if (session.expireIfIdle(now) && sessions.remove(session.id(), session)) {
                end(session, "expired");
            }
        }
    }

    /** How many sessions the store holds. */
    public int size() {
        return sessions.size();
    }

    /** Drops every session without Session_End (the domain is unloading) and leaves the sweeper. */
    @Override
    public void close() {
        closed = true;
        SessionSweeper.shared().unregister(this);
        sessions.clear();
    }

    private void end(InProcSession session, String why) {
        LOG.debug("Application {}: session {} {}", owner, session.id(), why);
        try {
            onEnd.sessionEnded(session.id(), session.items(), session.timeout());
        } catch (RuntimeException e) {
            LOG.error("Application {}: Session_End failed for session {} ({})", owner, session.id(), why, e);
        }
    }

    @Override
    public String toString() {
        return "InProcSessionStore[" + owner + ", " + sessions.size() + " session(s)]";
    }
}
