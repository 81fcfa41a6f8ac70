package io.lido.api;

/**
 * Marks an {@link HttpHandler} that reads and writes the session (ASP.NET's {@code IRequiresSessionState}).
 * Requests mapped to it get {@link HttpContext#session()} and hold their session exclusively until the
 * session is released, so concurrent requests of one session to such handlers run one after the other.
 * Handlers without this marker never touch session state and never wait for a session lock.
 */
public interface RequiresSessionState {
}
