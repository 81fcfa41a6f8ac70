package io.lido.runtime.internal;

import io.lido.api.HttpApplication;
import io.lido.api.HttpApplicationState;
import io.lido.api.HttpHandler;
import io.lido.api.HttpRequest;
import io.lido.api.HttpResponse;
import io.lido.api.HttpServerUtility;
import io.lido.api.HttpSessionState;
import io.lido.api.PipelineEvent;
import io.lido.config.SiteConfig;
import io.lido.config.WebConfig;
import io.lido.ipc.RequestBody;
import io.lido.ipc.RequestHead;
import io.lido.ipc.ResponseChannel;
import io.lido.runtime.RequestContext;
import io.lido.runtime.session.RequestSession;
import io.lido.runtime.session.SessionStateModule;

import java.nio.file.Path;
import java.security.Principal;
import java.util.HashMap;
import java.util.Map;

/**
 * The context of one request: what application code sees as {@code HttpContext} and built-in modules
 * as {@link RequestContext}. Created by the runtime per request and used by that request's thread only.
 */
final class RuntimeContext implements RequestContext {
    private final ApplicationDomain domain;
    private final ApplicationInstance instance;
    private final RuntimeRequest request;
    private final RuntimeResponse response;
    private final long timestamp;
    private final boolean child;
    private Map<String, Object> items;
    private Principal user;
    private PipelineEvent currentEvent;
    private HttpHandler handler;
    private boolean handlerExecuting;
    private Throwable error;
    private RequestFailure failure;
    private boolean completed;
    private String abortReason;
    private boolean headersEventRaised;
    private WebConfig config;
    private EventSubscribers subscribers;
    private HandlerFactory mapped;
    private HttpServerUtility server;
    private RequestSession session;
    /** Links of {@link ExecutingRequests} (under its stripe's lock). */
    RuntimeContext executingPrevious;
    RuntimeContext executingNext;
    /** Who runs now, for {@code lido list request}: a subscriber's owner, or the handler's class (plain writes). */
    private String currentModule;
    private boolean handlerRunning;

    RuntimeContext(ApplicationDomain domain, ApplicationInstance instance, RequestHead head, RequestBody body,
                   ResponseChannel channel, long timestamp, boolean child) {
        this.domain = domain;
        this.child = child;
        this.instance = instance;
        this.timestamp = timestamp;
        this.request = new RuntimeRequest(this, head, body);
        this.response = new RuntimeResponse(this, channel, instance.responseBuffer());
        this.subscribers = instance.subscribers(true);
    }

    ApplicationDomain domain() {
        return domain;
    }

    ApplicationInstance instance() {
        return instance;
    }

    RuntimeResponse runtimeResponse() {
        return response;
    }

    @Override
    public RequestHead head() {
        return request.head();
    }

    @Override
    public HttpRequest request() {
        return request;
    }

    @Override
    public HttpResponse response() {
        return response;
    }

    @Override
    public Map<String, Object> items() {
        if (items == null) {
            items = new HashMap<>();
        }
        return items;
    }

    @Override
    public Principal user() {
        return user;
    }

    @Override
    public void user(Principal newUser) {
        user = newUser;
    }

    String userName() {
        return user == null ? null : user.getName();
    }

    @Override
    public HttpApplicationState application() {
        return domain.state();
    }

    @Override
    public HttpSessionState session() {
        return session;
    }

    /**
     * AcquireRequestState: locks the session when the handler needs one, then raises Session_Start for a
     * session this request started. Child requests (error pages) run without a session: their parent may
     * hold its lock.
     */
    void acquireSession() throws Exception {
        if (child) {
            return;
        }
        session = domain.sessions().acquire(this);
        if (session != null) {
            domain.sessions().start(this, session);
        }
    }

    /** Releases the session (ReleaseRequestState, or EndRequest as a safety net); a failed request's changes are discarded. */
    void releaseSession() {
        if (session == null) {
            return;
        }
        // A session this request started must reach the browser even if the response was cleared since.
        SessionStateModule sessions = domain.sessions();
        if (sessions.needsCookie(this, session) && !response.isCommitted()
                && !response.hasCookie(sessions.settings().cookieName())) {
            sessions.issueCookie(this, session.id());
        }
        domain.sessions().release(session, error == null);
    }

    @Override
    public HttpApplication applicationInstance() {
        return instance.application();
    }

    @Override
    public HttpServerUtility server() {
        if (server == null) {
            server = new RuntimeServerUtility(this);
        }
        return server;
    }

    @Override
    public PipelineEvent currentEvent() {
        return currentEvent;
    }

    void currentEvent(PipelineEvent event) {
        currentEvent = event;
    }

    @Override
    public HttpHandler handler() {
        return handler;
    }

    /** ASP.NET allows remapping until the handler is about to run; after that it has no effect, so refuse. */
    @Override
    public void handler(HttpHandler newHandler) {
        if (handlerExecuting || (currentEvent != null && currentEvent.isStep()
                && currentEvent.ordinal() > PipelineEvent.PRE_REQUEST_HANDLER_EXECUTE.ordinal())) {
            throw new IllegalStateException("the handler can only be replaced until PreRequestHandlerExecute");
        }
        handler = newHandler;
    }

    void handlerExecuting() {
        handlerExecuting = true;
    }

    /** The handler starts ({@code handler} not null) or has returned (null): the stage {@code lido list request} shows. */
    void handlerRunning(HttpHandler running) {
        handlerRunning = running != null;
        currentModule = running == null ? "" : running.getClass().getName();
    }

    /** The module (or Global class) whose subscriber is called now. */
    void currentModule(String owner) {
        currentModule = owner;
    }

    String currentModule() {
        return currentModule;
    }

    /** The pipeline event being raised, or {@link ExecutingRequests#EXECUTE_HANDLER} while the handler runs. */
    Object stage() {
        return handlerRunning ? ExecutingRequests.EXECUTE_HANDLER : currentEvent;
    }

    @Override
    public Throwable error() {
        return error;
    }

    @Override
    public void clearError() {
        error = null;
    }

    void fail(RequestFailure newFailure) {
        failure = newFailure;
        error = newFailure.error();
    }

    /** The last unhandled failure with where it happened (kept for the error page after clearError). */
    RequestFailure failure() {
        return failure;
    }

    @Override
    public long timestamp() {
        return timestamp;
    }

    void completeRequest() {
        completed = true;
    }

    boolean isCompleted() {
        return completed;
    }

    /** Whether this is a child request (an ExecuteURL error page) rather than a client's request. */
    boolean isChildRequest() {
        return child;
    }

    /** Set when the failure came after the head was sent: the connection can only be closed. */
    void abortResponse(String reason) {
        abortReason = reason;
    }

    String abortReason() {
        return abortReason;
    }

    @Override
    public WebConfig config() {
        if (config == null) {
            config = domain.webConfig(request.path());
        }
        return config;
    }

    @Override
    public SiteConfig site() {
        return domain.site();
    }

    @Override
    public SiteConfig.Application applicationConfig() {
        return domain.application();
    }

    @Override
    public void transmitFile(Path file, long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative file region: offset " + offset + ", length " + length);
        }
        response.output().transmitFile(file, offset, length);
    }

    /** Records the configured handler and selects the subscribers that run for this request. */
    void mapped(HandlerFactory factory, boolean applicationHandler) {
        mapped = factory;
        subscribers = instance.subscribers(applicationHandler);
    }

    /** The handler factory chosen from configuration, or null when mapping failed. */
    HandlerFactory mappedFactory() {
        return mapped;
    }

    boolean hasSubscribers(PipelineEvent event) {
        return subscribers.has(event);
    }

    /** Raises an event to this request's subscribers (see {@link EventSubscribers#raise}). */
    void raise(PipelineEvent event) {
        currentModule = "";
        subscribers.raise(event, this);
    }

    /** Raises PreSendRequestHeaders (once per request) or PreSendRequestContent to their subscribers. */
    void raiseSendEvent(PipelineEvent event) {
        if (event == PipelineEvent.PRE_SEND_REQUEST_HEADERS) {
            if (headersEventRaised) {
                return;
            }
            headersEventRaised = true;
        }
        if (!subscribers.has(event)) {
            return;
        }
        PipelineEvent previous = currentEvent;
        String previousModule = currentModule;
        boolean wasHandler = handlerRunning;
        currentEvent = event;
        handlerRunning = false;
        try {
            subscribers.raise(event, this);
        } finally {
            currentEvent = previous;
            currentModule = previousModule;
            handlerRunning = wasHandler;
        }
    }

    String applicationPath() {
        return domain.application().path();
    }

    /** The request path relative to the application, without a leading '/' ("" for the root). */
    String appRelativePath() {
        String path = request.path();
        String app = applicationPath();
        if (app.equals("/")) {
            return path.substring(1);
        }
        return path.length() <= app.length() ? "" : path.substring(app.length() + 1);
    }

    /** "~/x" as a URL of this application ("/x" in the root application, "/app/x" in "/app"). */
    String applicationRelativeUrl(String url) {
        String app = applicationPath();
        return (app.equals("/") ? "" : app) + url.substring(1);
    }

    /** The largest request body this request may read (requestFiltering/requestLimits/maxAllowedContentLength). */
    long maxRequestBytes() {
        return config().section("system.webServer/security/requestFiltering").child("requestLimits")
                .longValue("maxAllowedContentLength");
    }
}
