package io.lido.modules.testing;

import io.lido.api.EventHandler;
import io.lido.api.HttpApplication;
import io.lido.api.HttpApplicationState;
import io.lido.api.HttpContext;
import io.lido.api.HttpHandler;
import io.lido.api.HttpModule;
import io.lido.api.HttpServerUtility;
import io.lido.api.PipelineEvent;
import io.lido.config.SiteConfig;
import io.lido.config.WebConfig;
import io.lido.runtime.RequestContext;

import java.nio.file.Path;
import java.security.Principal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The runtime's request view for unit tests: a {@link TestRequest}, a {@link TestResponse}, a
 * configuration (a {@link TestWebConfig} or a real one), one application, and a record of transmitted file regions and of
 * {@code completeRequest()}. {@link #raise} runs a module's subscribers the way the pipeline does.
 */
public final class TestRequestContext implements RequestContext {

    /** One {@link #transmitFile} call. */
    public record Transmitted(Path file, long offset, long length) {
    }

    private final TestRequest request;
    private final TestResponse response = new TestResponse();
    private final WebConfig config;
    private final SiteConfig.Application application;
    private final Map<String, Object> items = new HashMap<>();
    private final List<Transmitted> transmitted = new ArrayList<>();
    private final Map<PipelineEvent, List<EventHandler>> subscribers = new EnumMap<>(PipelineEvent.class);
    private final HttpApplication instance = new HttpApplication();
    private boolean completed;
    private PipelineEvent current;

    public TestRequestContext(TestRequest request, WebConfig config, SiteConfig.Application application) {
        this.request = request;
        this.config = config;
        this.application = application;
        instance.attach(new HttpApplication.Host() {
            @Override public void subscribe(PipelineEvent event, EventHandler handler) {
                subscribers.computeIfAbsent(event, e -> new ArrayList<>()).add(handler);
            }
            @Override public HttpContext currentContext() { return TestRequestContext.this; }
            @Override public void completeRequest() { completed = true; }
            @Override public HttpApplicationState state() { throw new UnsupportedOperationException("not used by modules"); }
            @Override public String virtualPath() { return application.path(); }
            @Override public io.lido.api.Cache cache() { throw new UnsupportedOperationException("not used by modules"); }
        });
    }

    /** Initialises a module on this context's application instance. */
    public TestRequestContext with(HttpModule module) {
        module.init(instance);
        return this;
    }

    /** Raises one event: calls its subscribers in order. */
    public TestRequestContext raise(PipelineEvent event) throws Exception {
        current = event;
        for (EventHandler handler : subscribers.getOrDefault(event, List.of())) {
            handler.handle(this);
        }
        return this;
    }

    public List<PipelineEvent> subscribedEvents() {
        return List.copyOf(subscribers.keySet());
    }

    public boolean completed() {
        return completed;
    }

    public List<Transmitted> transmitted() {
        return transmitted;
    }

    @Override public TestRequest request() { return request; }
    @Override public TestResponse response() { return response; }
    @Override public Map<String, Object> items() { return items; }
    @Override public Principal user() { return null; }
    @Override public void user(Principal user) { throw new UnsupportedOperationException("not used by modules"); }
    @Override public HttpApplicationState application() { throw new UnsupportedOperationException("not used by modules"); }
    @Override public HttpApplication applicationInstance() { return instance; }
    @Override public HttpServerUtility server() { throw new UnsupportedOperationException("not used by modules"); }
    @Override public PipelineEvent currentEvent() { return current; }
    @Override public HttpHandler handler() { return null; }
    @Override public void handler(HttpHandler handler) { throw new UnsupportedOperationException("not used by modules"); }
    @Override public Throwable error() { return null; }
    @Override public void clearError() { }
    @Override public long timestamp() { return 0; }
    @Override public WebConfig config() { return config; }

    @Override
    public SiteConfig site() {
        return new SiteConfig("Test Site", 1, true, List.of(), List.of(application), null, null, null);
    }

    @Override public SiteConfig.Application applicationConfig() { return application; }

    @Override
    public io.lido.ipc.RequestHead head() {
        throw new UnsupportedOperationException("not used by modules");
    }

    @Override
    public void transmitFile(Path file, long offset, long length) {
        transmitted.add(new Transmitted(file, offset, length));
        // as the runtime does: a file that is the whole body gives the response its length
        if (response.header("Content-Length") == null && response.bodyText().isEmpty()) {
            response.contentLength(length);
        }
    }
}
