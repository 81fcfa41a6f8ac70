package io.lido.api;

import java.security.Principal;
import java.util.Map;

/**
 * Everything about one request being executed: request, response, per-request items, the user, the
 * application's state and server utilities. Created by the runtime per request; used only on that
 * request's thread.
 */
public interface HttpContext {

    HttpRequest request();

    HttpResponse response();

    /** Per-request storage shared by modules and the handler. */
    Map<String, Object> items();

    /**
     * The authenticated user, or null for anonymous requests. Lido's authentication modules set a
     * {@link GenericPrincipal} at AuthenticateRequest (name, scheme, roles, {@code isInRole}).
     */
    Principal user();

    void user(Principal user);

    /** The application-wide state. */
    HttpApplicationState application();

    /**
     * The session of this request, from AcquireRequestState on; null when the request's handler
     * implements neither {@link RequiresSessionState} nor {@link ReadOnlySessionState}, when
     * {@code sessionState/@mode} is Off, and before AcquireRequestState. (Default for contexts made
     * outside the runtime, e.g. by tests: no session.)
     */
    default HttpSessionState session() {
        return null;
    }

    /** The application instance serving this request. */
    HttpApplication applicationInstance();

    /** The application cache ({@code HttpContext.Cache}): the one of the application's domain. */
    default Cache cache() {
        return applicationInstance().cache();
    }

    /** Server utilities: mapPath, encoding. */
    HttpServerUtility server();

    /** The event being raised now. */
    PipelineEvent currentEvent();

    /** The handler mapped to this request, or null before MapRequestHandler. */
    HttpHandler handler();

    /** Replaces the mapped handler (allowed until PreRequestHandlerExecute). */
    void handler(HttpHandler handler);

    /** The unhandled exception of this request, or null. */
    Throwable error();

    /** Clears the error so that the request completes normally (call from an Error subscriber). */
    void clearError();

    /** When the request started, in epoch milliseconds. */
    long timestamp();
}
