package io.lido.runtime.session;

import io.lido.api.HttpContext;
import io.lido.api.HttpSessionState;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The {@link HttpSessionState} of one request: a private copy of the session's items under the request's
 * lease, handed back to the store when the request releases the session. A writing request that has no
 * session yet gets one from the store on its first change ({@link SessionStateModule#create}), so requests
 * that only look at an empty session leave nothing behind.
 *
 * <p>Reading a value of a mutable type marks the session changed, as ASP.NET does: the caller may change
 * the object in place, and a StateServer session must then be stored again.
 */
public final class RequestSession implements HttpSessionState {
    private static final Set<Class<?>> IMMUTABLE = Set.of(String.class, Integer.class, Long.class, Short.class,
            Byte.class, Double.class, Float.class, Boolean.class, Character.class, BigInteger.class, BigDecimal.class,
            UUID.class, Instant.class, LocalDate.class, LocalDateTime.class, Duration.class);

    private final SessionStateModule module;
    private final HttpContext context;
    private String id;
    private final boolean readOnly;
    private final String releasedWhy;
    private SessionLease lease;
    private Map<String, Object> items;
    private Duration timeout;
    private boolean isNew;
    private boolean changed;
    private boolean abandoned;
    private boolean released;

    /** An existing session under {@code lease}. */
    RequestSession(SessionStateModule module, HttpContext context, SessionLease lease, boolean readOnly) {
        this(module, context, lease.id(), readOnly, lease.items(), lease.timeout(), lease.isNew(), null);
        this.lease = lease;
    }

    private RequestSession(SessionStateModule module, HttpContext context, String id, boolean readOnly,
                           Map<String, Object> items, Duration timeout, boolean isNew, String releasedWhy) {
        this.module = module;
        this.context = context;
        this.id = id;
        this.readOnly = readOnly;
        this.items = items;
        this.timeout = timeout;
        this.isNew = isNew;
        this.releasedWhy = releasedWhy;
    }

    /** A session the store does not hold (yet): new for a writing request, empty for a read-only one. */
    static RequestSession fresh(SessionStateModule module, HttpContext context, String id, boolean readOnly,
                                Duration timeout) {
        return new RequestSession(module, context, id, readOnly, new HashMap<>(), timeout, true, null);
    }

    /** The read-only view of an ended session, for Session_End. */
    public static RequestSession ended(String id, Map<String, Object> items, Duration timeout) {
        return new RequestSession(null, null, id, true, new HashMap<>(items), timeout, false, "the session has ended");
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Object get(String name) {
        Object value = items.get(name);
        if (value != null && !readOnly && !IMMUTABLE.contains(value.getClass())) {
            changed = true;
        }
        return value;
    }

    @Override
    public void set(String name, Object value) {
        checkWritable("set \"" + name + "\"");
        if (value == null) {
            remove(name);
            return;
        }
        module.checkValue(name, value);
        ensureStored();
        items.put(name, value);
        changed = true;
    }

    @Override
    public void remove(String name) {
        checkWritable("remove \"" + name + "\"");
        if (items.remove(name) != null) {
            changed = true;
        }
    }

    @Override
    public void clear() {
        checkWritable("clear");
        if (!items.isEmpty()) {
            items.clear();
            changed = true;
        }
    }

    @Override
    public Set<String> keys() {
        return Set.copyOf(items.keySet());
    }

    @Override
    public int count() {
        return items.size();
    }

    @Override
    public boolean isNewSession() {
        return isNew;
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public int timeout() {
        return (int) timeout.toMinutes();
    }

    @Override
    public void timeout(int minutes) {
        checkWritable("change the timeout");
        if (minutes < 1 || minutes > SessionStateSettings.MAX_TIMEOUT.toMinutes()) {
            throw new IllegalArgumentException("session timeout must be between 1 and 525600 minutes, not " + minutes);
        }
        ensureStored();
        timeout = Duration.ofMinutes(minutes);
    }

    @Override
    public void abandon() {
        checkWritable("abandon");
        abandoned = true;
    }

    /** Whether {@link #abandon()} was called. */
    public boolean isAbandoned() {
        return abandoned;
    }

    /** The items as they are now (read-only view). */
    Map<String, Object> items() {
        return Collections.unmodifiableMap(items);
    }

    /** Whether this request created the session in the store (so its cookie must go out with this response). */
    public boolean isStartedHere() {
        return lease != null && lease.isNew() && !released;
    }

    /** Whether the store holds this session (with this request's lease). */
    boolean isStored() {
        return lease != null;
    }

    /** The request this session belongs to (null for an ended session). */
    HttpContext context() {
        return context;
    }

    Duration timeoutDuration() {
        return timeout;
    }

    /** Creates the session in the store on the first change of a new one. */
    void ensureStored() {
        if (lease == null) {
            lease = module.create(this);
            id = lease.id();
        }
    }

    /**
     * Hands the lease back; done once. {@code save} false discards this request's changes (it failed).
     *
     * @return the lease and its update, or null when the store does not hold the session
     */
    SessionUpdateFor release(boolean save) {
        if (released) {
            return null;
        }
        released = true;
        if (lease == null) {
            return null;
        }
        SessionUpdate update;
        if (save && abandoned) {
            update = new SessionUpdate(null, timeout, true);
        } else if (save && changed && lease.exclusive()) {
            update = new SessionUpdate(items, timeout, false);
        } else {
            update = new SessionUpdate(null, save ? timeout : lease.timeout(), false);
        }
        return new SessionUpdateFor(lease, update);
    }

    /** A lease with what to release it with. */
    record SessionUpdateFor(SessionLease lease, SessionUpdate update) {
    }

    private void checkWritable(String what) {
        if (releasedWhy != null) {
            throw new IllegalStateException("cannot " + what + " in session " + id + ": " + releasedWhy);
        }
        if (readOnly) {
            throw new IllegalStateException("cannot " + what + " in session " + id + ": the session is read-only for"
                    + " this request (its handler implements ReadOnlySessionState; implement RequiresSessionState to write)");
        }
        if (released) {
            throw new IllegalStateException("cannot " + what + " in session " + id + ": the session was released at"
                    + " ReleaseRequestState; change it before then");
        }
    }

    @Override
    public String toString() {
        return "Session[" + id + (readOnly ? ", read-only" : "") + ", " + items.size() + " item(s)]";
    }
}
