package io.lido.api;

/**
 * Marks an {@link HttpHandler} that only reads the session (ASP.NET's {@code IReadOnlySessionState}).
 * Requests of one session to read-only handlers run concurrently; they wait only while a writing request
 * of that session holds it. Changing a read-only session throws {@link IllegalStateException}, and no
 * session is created for such a request when the browser has none.
 */
public interface ReadOnlySessionState extends RequiresSessionState {
}
