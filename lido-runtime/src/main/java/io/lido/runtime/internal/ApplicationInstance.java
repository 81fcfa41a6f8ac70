package io.lido.runtime.internal;

import io.lido.api.Cache;
import io.lido.api.EventHandler;
import io.lido.api.HttpApplication;
import io.lido.api.HttpApplicationState;
import io.lido.api.HttpContext;
import io.lido.api.HttpModule;
import io.lido.api.PipelineEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * One pooled {@link HttpApplication} with its own module instances and its compiled subscribers; the
 * {@link HttpApplication.Host} the application object talks to. Serves one request at a time, so the
 * current context and the response buffer are plain fields.
 */
final class ApplicationInstance implements HttpApplication.Host {
    private static final Logger LOG = LoggerFactory.getLogger(ApplicationInstance.class);
    /** Response buffer size: most dynamic pages fit, so they go out with a Content-Length in one write. */
    static final int RESPONSE_BUFFER_SIZE = 16 * 1024;

    private final HttpApplication application;
    private final HttpApplicationState state;
    private final String virtualPath;
    private final Cache cache;
    private final List<HttpModule> modules = new ArrayList<>();
    private final byte[] responseBuffer = new byte[RESPONSE_BUFFER_SIZE];
    private EventSubscribers.Builder builder = new EventSubscribers.Builder();
    private String initialising;
    private boolean initialisingManagedOnly;
    private EventSubscribers all;
    private EventSubscribers unmanaged;
    private RuntimeContext current;

    private ApplicationInstance(HttpApplication application, HttpApplicationState state, String virtualPath,
                                Cache cache) {
        this.application = application;
        this.state = state;
        this.virtualPath = virtualPath;
        this.cache = cache;
    }

    /**
     * Attaches the application object, creates and initialises its modules in order, runs its
     * {@code init()}, then freezes the subscriptions.
     *
     * @throws IllegalStateException naming the module or Global class whose initialisation failed
     */
    static ApplicationInstance create(HttpApplication application, List<ModuleSpec> moduleSpecs,
                                      HttpApplicationState state, String virtualPath, Cache cache) {
        ApplicationInstance instance = new ApplicationInstance(application, state, virtualPath, cache);
        application.attach(instance);
        for (ModuleSpec spec : moduleSpecs) {
            instance.initialising = spec.name();
            instance.initialisingManagedOnly = spec.managedHandlerOnly();
            try {
                HttpModule module = spec.factory().get();
                instance.modules.add(module);
                module.init(application);
            } catch (RuntimeException e) {
                instance.dispose();
                throw new IllegalStateException("module \"" + spec.name() + "\" failed to initialise: " + e, e);
            }
        }
        instance.initialising = application.getClass().getName();
        instance.initialisingManagedOnly = false;
        try {
            application.init();
        } catch (Exception e) {
            instance.dispose();
            throw new IllegalStateException(instance.initialising + ".init() failed: " + e, e);
        }
        instance.all = instance.builder.build(true);
        instance.unmanaged = instance.builder.anyManagedOnly() ? instance.builder.build(false) : instance.all;
        instance.builder = null;
        instance.initialising = null;
        return instance;
    }

    HttpApplication application() {
        return application;
    }

    byte[] responseBuffer() {
        return responseBuffer;
    }

    void begin(RuntimeContext context) {
        current = context;
    }

    void end() {
        current = null;
    }

    /**
     * The subscribers for a request: all of them when an application handler serves it, else those of
     * modules without the managedHandler precondition.
     */
    EventSubscribers subscribers(boolean managedHandler) {
        return managedHandler ? all : unmanaged;
    }

    /** Disposes the modules (the application is shutting down); failures are logged, not fatal. */
    void dispose() {
        for (HttpModule module : modules) {
            try {
                module.dispose();
            } catch (RuntimeException e) {
                LOG.warn("Application {}: module {} failed in dispose()", virtualPath, module.getClass().getName(), e);
            }
        }
        modules.clear();
    }

    @Override
    public void subscribe(PipelineEvent event, EventHandler handler) {
        if (builder == null) {
            throw new IllegalStateException("subscriptions are fixed after initialisation: subscribe to "
                    + event + " from HttpModule.init or HttpApplication.init");
        }
        builder.add(event, initialising, java.util.Objects.requireNonNull(handler, "handler"), initialisingManagedOnly);
    }

    @Override
    public HttpContext currentContext() {
        return current;
    }

    @Override
    public void completeRequest() {
        if (current == null) {
            throw new IllegalStateException("completeRequest() outside a request");
        }
        current.completeRequest();
    }

    @Override
    public HttpApplicationState state() {
        return state;
    }

    @Override
    public String virtualPath() {
        return virtualPath;
    }

    @Override
    public Cache cache() {
        return cache;
    }
}
