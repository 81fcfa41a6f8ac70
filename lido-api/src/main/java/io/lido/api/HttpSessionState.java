package io.lido.api;

import java.util.Set;

/**
 * The session of the current request (ASP.NET's {@code HttpSessionState}): values kept for one browser
 * across requests, identified by the session cookie ({@code sessionState/@cookieName}).
 *
 * <p>Only handlers that implement {@link RequiresSessionState} get a session; {@link HttpContext#session()}
 * is null for every other request. A writing handler holds its session exclusively for the whole request,
 * so two requests of one browser to such handlers run one after the other; handlers that implement
 * {@link ReadOnlySessionState} share the session and may not change it.
 *
 * <p>Used on the request's thread only. Changes are saved when the request releases the session (at
 * ReleaseRequestState, or at EndRequest after {@code completeRequest()}); the changes of a request that
 * ends with an unhandled error are discarded. In {@code StateServer} mode values must be of the safe types
 * listed in docs/session-state.md; {@link #set} refuses others at once.
 */
public interface HttpSessionState {

    /** The session id: the value of the session cookie. */
    String id();

    /** The value stored under {@code name}, or null. */
    Object get(String name);

    /**
     * Stores a value (null removes it).
     *
     * @throws IllegalStateException    when the session is read-only or already released
     * @throws IllegalArgumentException when the session store cannot keep a value of this type
     */
    void set(String name, Object value);

    /**
     * Removes a value.
     *
     * @throws IllegalStateException when the session is read-only or already released
     */
    void remove(String name);

    /**
     * Removes every value.
     *
     * @throws IllegalStateException when the session is read-only or already released
     */
    void clear();

    /** The names of the stored values (a snapshot). */
    Set<String> keys();

    /** How many values are stored. */
    int count();

    /** Whether the session was created by this request (ASP.NET's {@code IsNewSession}). */
    boolean isNewSession();

    /** Whether this request may only read the session (its handler implements {@link ReadOnlySessionState}). */
    boolean isReadOnly();

    /** The sliding timeout in minutes: the session ends this long after its last request. */
    int timeout();

    /**
     * Changes the sliding timeout, from this request on.
     *
     * @throws IllegalArgumentException when {@code minutes} is not between 1 and 525600 (one year), as ASP.NET
     * @throws IllegalStateException    when the session is read-only or already released
     */
    void timeout(int minutes);

    /**
     * Ends the session when this request releases it: its values are discarded and the application's
     * {@link HttpApplication#onSessionEnd} runs (InProc mode). The next request with the same cookie
     * starts a new session.
     *
     * @throws IllegalStateException when the session is read-only or already released
     */
    void abandon();
}
