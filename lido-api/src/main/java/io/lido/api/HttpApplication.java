package io.lido.api;

import java.util.Objects;

/**
 * An application instance: what {@code Global.asax} is in ASP.NET. An application may name a subclass
 * in web.config ({@code <system.web><httpApplication type="..."/>}) to receive the application's
 * start, end and error events and to subscribe to pipeline events itself; otherwise Lido uses a plain
 * instance of this class.
 *
 * <p>Lido pools instances per application: one instance serves one request at a time, and a new one is
 * made only when none is free. {@link #onStart()} and {@link #onEnd()} run once per application
 * (application domain), on one instance; {@link #init()} runs once per instance after its modules'
 * {@link HttpModule#init}.
 */
public class HttpApplication {

    /**
     * What the runtime provides to an instance. Lido calls {@link #attach} once before any hook runs;
     * application code never implements this.
     */
    public interface Host {
        /** Adds a subscriber for this instance. */
        void subscribe(PipelineEvent event, EventHandler handler);

        /** The request this instance is serving, or null between requests. */
        HttpContext currentContext();

        /** Skips to the end of the pipeline for the current request. */
        void completeRequest();

        /** The application-wide state. */
        HttpApplicationState state();

        /** The application's virtual path, "/" or "/app". */
        String virtualPath();

        /** The application domain's cache. */
        Cache cache();
    }

    private Host host;

    /** Called by the runtime, once, before any other method. */
    public final void attach(Host runtimeHost) {
        if (host != null) {
            throw new IllegalStateException("already attached");
        }
        host = Objects.requireNonNull(runtimeHost);
    }

    /** Subscribes a handler to a pipeline event of this instance (call from {@link #init} or a module). */
    public final void on(PipelineEvent event, EventHandler handler) {
        host().subscribe(event, handler);
    }

    /**
     * Ends the current request early: the remaining pipeline steps are skipped except
     * LogRequest, PostLogRequest and EndRequest.
     */
    public final void completeRequest() {
        host().completeRequest();
    }

    /** The request this instance is serving now, or null between requests. */
    public final HttpContext context() {
        return host().currentContext();
    }

    /** The application-wide state (ASP.NET's {@code Application}). */
    public final HttpApplicationState application() {
        return host().state();
    }

    /** The application cache (ASP.NET's {@code HttpRuntime.Cache}), one per application domain. */
    public final Cache cache() {
        return host().cache();
    }

    /** The application's virtual path ("/" or "/app"). */
    public final String virtualPath() {
        return host().virtualPath();
    }

    /** Application_Start: once per application start, before the first request. */
    public void onStart() throws Exception {
    }

    /** Application_End: once when the application shuts down. */
    public void onEnd() throws Exception {
    }

    /** Application_Error: an unhandled exception in a request, before the error response is written. */
    public void onError(HttpContext context, Throwable error) throws Exception {
    }

    /**
     * Session_Start: a new session was started for this request (its handler writes the session). Runs at
     * AcquireRequestState on the request's thread, with {@code context.session()} set. When a Global class
     * overrides it, every writing request without a session starts one (and gets the session cookie), as
     * ASP.NET does when Global.asax has Session_Start; otherwise a session is created only when a request
     * first stores something in it.
     */
    public void onSessionStart(HttpContext context) throws Exception {
    }

    /**
     * Session_End: a session expired or was abandoned. InProc mode only (as in ASP.NET: a StateServer
     * session outlives the process that could run it). Runs on a pooled instance, outside any request
     * ({@link #context()} is null), with the application's classloader as the thread's context loader;
     * the session is read-only.
     */
    public void onSessionEnd(HttpSessionState session) throws Exception {
    }

    /** Per-instance initialisation, after the modules' init; subscribe to events here. */
    public void init() throws Exception {
    }

    private Host host() {
        if (host == null) {
            throw new IllegalStateException("this HttpApplication is not attached to a runtime yet");
        }
        return host;
    }
}
