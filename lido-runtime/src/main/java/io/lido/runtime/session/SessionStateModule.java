package io.lido.runtime.session;

import io.lido.api.HttpContext;
import io.lido.api.HttpCookie;
import io.lido.api.HttpException;
import io.lido.api.ReadOnlySessionState;
import io.lido.api.RequiresSessionState;

import java.time.Duration;
import java.util.Objects;

/**
 * The session state step of one application domain (ASP.NET's {@code SessionStateModule}), run by the
 * request pipeline: {@link #acquire} at AcquireRequestState, {@link #release} at ReleaseRequestState and,
 * for requests that skipped it (completeRequest, an error), at EndRequest, so a lock is never left held.
 *
 * <p>Only requests whose handler implements {@link RequiresSessionState} touch session state; for all
 * others {@link #acquire} returns at the first check, without reading the cookie. A writing handler
 * locks its session exclusively, a {@link ReadOnlySessionState} handler shares it.
 *
 * <p>Sessions start lazily: a writing request without a (live) session gets a fresh id and the store is
 * asked to create the session, and the cookie issued, only when the request first changes it. When the
 * Global class overrides {@code onSessionStart}, a writing request starts its session at once and raises
 * Session_Start, as ASP.NET does when Global.asax has a Session_Start handler. A read-only request never
 * creates a session.
 *
 * <p>Lock waits: a request waits for a conflicting lock up to the lock timeout (executionTimeout) plus a
 * margin; the store breaks a lock held longer than the lock timeout, so a waiter normally gets the session
 * in that time. If not, the request fails with 503.
 */
public final class SessionStateModule {
    private static final Duration WAIT_MARGIN = Duration.ofSeconds(5);

    private final SessionStateSettings settings;
    private final SessionStore store;
    private final boolean startsEagerly;
    private final Duration lockWait;

    /**
     * @param store         where sessions live (ignored, may be null, when the mode is Off)
     * @param startsEagerly whether the Global class overrides onSessionStart
     */
    public SessionStateModule(SessionStateSettings settings, SessionStore store, boolean startsEagerly) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.store = settings.mode() == SessionStateMode.OFF ? null : Objects.requireNonNull(store, "store");
        this.startsEagerly = startsEagerly;
        this.lockWait = settings.lockTimeout().plus(WAIT_MARGIN);
    }

    public SessionStateSettings settings() {
        return settings;
    }

    /**
     * AcquireRequestState: locks the request's session.
     *
     * @return the request's session, or null when its handler needs none or the mode is Off
     * @throws HttpException 503 when the session stayed locked by another request too long
     */
    public RequestSession acquire(HttpContext context) {
        if (store == null || !(context.handler() instanceof RequiresSessionState)) {
            return null;
        }
        boolean readOnly = context.handler() instanceof ReadOnlySessionState;
        String requested = context.request().cookie(settings.cookieName());
        boolean valid = SessionIds.isValid(requested);
        if (valid) {
            SessionLease lease = lock(requested, !readOnly);
            if (lease != null) {
                return new RequestSession(this, context, lease, readOnly);
            }
        }
        String id = valid && !settings.regenerateExpiredSessionId() ? requested : SessionIds.create();
        RequestSession session = RequestSession.fresh(this, context, id, readOnly, settings.timeout());
        if (!readOnly && startsEagerly) {
            session.ensureStored();
        }
        return session;
    }

    /**
     * Raises Session_Start when this request started its session in {@link #acquire}; call once the
     * session is visible through {@code context.session()}.
     */
    public void start(HttpContext context, RequestSession session) throws Exception {
        if (startsEagerly && session.isStored() && session.isNewSession() && !session.isReadOnly()) {
            context.applicationInstance().onSessionStart(context);
        }
    }

    /**
     * Releases the request's session (again does nothing). {@code save} false discards the request's changes,
     * for a request that ended with an unhandled error.
     */
    public void release(RequestSession session, boolean save) {
        RequestSession.SessionUpdateFor release = session.release(save);
        if (release != null) {
            store.release(release.lease(), release.update());
        }
    }

    /** Refuses, at {@code set}, a value the store cannot keep. */
    void checkValue(String name, Object value) {
        store.checkValue(name, value);
    }

    /** Creates a new session in the store, locked for this (writing) request, and issues its cookie. */
    SessionLease create(RequestSession session) {
        HttpContext context = session.context();
        if (context.response().isCommitted()) {
            throw new IllegalStateException("cannot start session state: the response head was already sent, so the"
                    + " session cookie cannot be set; use the session before flushing the response");
        }
        SessionLease lease;
        try {
            lease = store.create(session.id(), session.timeoutDuration(), true);
        } catch (IllegalStateException taken) {
            // Only possible for a reused client id (regenerateExpiredSessionId="false") that a concurrent
            // request has just created; a random id never collides.
            lease = store.create(SessionIds.create(), session.timeoutDuration(), true);
        }
        if (!lease.id().equals(context.request().cookie(settings.cookieName()))) {
            issueCookie(context, lease.id());
        }
        return lease;
    }

    /** Whether the browser does not know this session's id yet: the request created it under a new id. */
    public boolean needsCookie(HttpContext context, RequestSession session) {
        return session.isStartedHere() && !session.id().equals(context.request().cookie(settings.cookieName()));
    }

    /**
     * Sets the session cookie on the response: {@code <cookieName>=<id>; Path=<application path>; [Secure;]
     * HttpOnly; [SameSite=...]}.
     */
    public void issueCookie(HttpContext context, String id) {
        context.response().cookie(new HttpCookie(settings.cookieName(), id, context.request().applicationPath(), null,
                null, context.request().isSecure(), true, settings.sameSite()));
    }

    private SessionLease lock(String id, boolean exclusive) {
        try {
            return store.acquire(id, exclusive, lockWait);
        } catch (SessionLockTimeoutException e) {
            throw new HttpException(503, 0, "session state is locked by another request of the same session: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the lock of session " + id, e);
        }
    }

    @Override
    public String toString() {
        return "SessionStateModule[" + settings.mode() + ", cookie " + settings.cookieName() + "]";
    }
}
