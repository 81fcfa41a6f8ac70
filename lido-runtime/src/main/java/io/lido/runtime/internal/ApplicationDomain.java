package io.lido.runtime.internal;

import io.lido.api.HttpApplication;
import io.lido.api.HttpHandler;
import io.lido.config.ConfigException;
import io.lido.config.ServerConfig;
import io.lido.config.SiteConfig;
import io.lido.config.WebConfig;
import io.lido.ipc.RequestBody;
import io.lido.ipc.RequestHead;
import io.lido.ipc.ResponseChannel;
import io.lido.runtime.ModuleCatalog;
import io.lido.runtime.cache.ApplicationCache;
import io.lido.runtime.cache.CacheSettings;
import io.lido.runtime.servlet.ServletApplication;
import io.lido.runtime.session.RequestSession;
import io.lido.runtime.session.SessionStateModule;
import io.lido.runtime.session.StateServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One running application, what ASP.NET calls an application domain: its classloader, Global class,
 * module list, application state, handler maps and the pool of application instances. Created by
 * {@link io.lido.runtime.HttpRuntime#start()}; {@link #execute} is called on each request's own thread.
 */
public final class ApplicationDomain {
    private static final Logger LOG = LoggerFactory.getLogger(ApplicationDomain.class);

    private final ServerConfig config;
    private final SiteConfig site;
    private final SiteConfig.Application application;
    private final ApplicationClassLoader loader;
    private final ApplicationStateStore state = new ApplicationStateStore();
    private final ApplicationCache cache;
    private final VirtualPathMapper paths;
    private final HandlerMapCache handlerMaps;
    private final ApplicationPool pool;
    private final RequestPipeline pipeline = new RequestPipeline(this);
    private final ErrorResponder errors = new ErrorResponder(new CustomErrorPages(this));
    private final Clock clock;
    private final DomainSessions sessions;
    private volatile boolean stopping;
    /** The web application this domain hosts, or null for a lido-api application. */
    private ServletApplication servlet;
    /** The application root's configuration when this domain loaded; see {@link #webConfig(String)}. */
    private WebConfig loadedConfig;
    private final AtomicBoolean staleConfigLogged = new AtomicBoolean();

    private ApplicationDomain(ServerConfig config, SiteConfig site, SiteConfig.Application application,
                              ApplicationClassLoader loader, Constructor<? extends HttpApplication> global,
                              List<ModuleSpec> modules, HttpHandler staticFileHandler, ModuleCatalog catalog,
                              boolean classicPipeline, Clock clock, CacheSettings cacheSettings,
                              DomainSessions.Setup sessionSetup) {
        this.config = config;
        this.site = site;
        this.application = application;
        this.loader = loader;
        this.clock = clock;
        this.cache = new ApplicationCache(application.path(), cacheSettings, clock, loader);
        this.paths = new VirtualPathMapper(site);
        this.handlerMaps = new HandlerMapCache(new HandlerTypes(loader), staticFileHandler, catalog::moduleHandler,
                classicPipeline);
        this.pool = new ApplicationPool(() -> ApplicationInstance.create(TypeLoading.instantiate(global), modules, state,
                application.path(), cache), ApplicationPool.DEFAULT_MAX_FREE);
        this.sessions = sessionSetup.open(application.path() + " (site \"" + site.name() + "\")", clock, this::endSession);
    }

    /**
     * Loads the application: classloader over bin/*.jar, Global class, modules and the handlers of its
     * root web.config (so a wrong type fails now, not on the first request).
     *
     * @throws ConfigException naming the web.config file and line of an unusable type
     */
    public static ApplicationDomain load(ServerConfig config, SiteConfig site, SiteConfig.Application application,
                                         ModuleCatalog catalog, Clock clock) {
        return load(config, site, application, catalog, clock,
                application.rootDirectory().physicalPath().resolve("bin"));
    }

    /** As above, loading the jars from {@code jarFolder} (a shadow copy of bin/) instead of bin/ itself. */
    public static ApplicationDomain load(ServerConfig config, SiteConfig site, SiteConfig.Application application,
                                         ModuleCatalog catalog, Clock clock, Path jarFolder) {
        return load(config, site, application, catalog, clock, jarFolder, null);
    }

    /**
     * As above, with the StateServer of this process (null when it has none): sessionState mode StateServer,
     * and the default for an out-of-process pool, keep sessions there.
     */
    public static ApplicationDomain load(ServerConfig config, SiteConfig site, SiteConfig.Application application,
                                         ModuleCatalog catalog, Clock clock, Path jarFolder,
                                         StateServerConnector stateServer) {
        return load(config, site, application, catalog, clock, jarFolder, stateServer, (ServletApplication) null);
    }

    /**
     * As above, for a web application when {@code servlet} is not null: the servlet container is the handler of
     * every request no {@code handlers} entry maps (instead of the static file handler), and the domain owns it from
     * now on (stops it when it unloads, or at once when this fails).
     */
    public static ApplicationDomain load(ServerConfig config, SiteConfig site, SiteConfig.Application application,
                                         ModuleCatalog catalog, Clock clock, Path jarFolder,
                                         StateServerConnector stateServer, ServletApplication servlet) {
        try {
            ApplicationDomain domain = loadWith(config, site, application, catalog, clock, jarFolder, stateServer,
                    servlet == null ? catalog.staticFileHandler() : servlet.handler());
            domain.servlet = servlet;
            return domain;
        } catch (RuntimeException e) {
            stopServlet(servlet, e);
            throw e;
        }
    }

    private static ApplicationDomain loadWith(ServerConfig config, SiteConfig site, SiteConfig.Application application,
                                              ModuleCatalog catalog, Clock clock, Path jarFolder,
                                              StateServerConnector stateServer, HttpHandler unmappedHandler) {
        ApplicationClassLoader loader = ApplicationClassLoader.forApplication(application.path(), jarFolder);
        try {
            WebConfig web = config.webConfig(site, application.path());
            Constructor<? extends HttpApplication> global = globalClass(web, loader);
            boolean classic = config.applicationPools().stream()
                    .anyMatch(p -> p.name().equals(application.applicationPool()) && p.classicPipeline());
            List<ModuleSpec> modules = PipelineModules.resolve(catalog, web.section("system.webServer/modules"), loader,
                    application.path(), classic);
            ApplicationDomain domain = new ApplicationDomain(config, site, application, loader, global, modules,
                    unmappedHandler, catalog, classic, clock,
                    CacheSettings.from(web.section("system.web/caching/cache")),
                    DomainSessions.Setup.read(config, site, application, web, global.getDeclaringClass(), stateServer));
            try {
                domain.handlerMaps.get(web);
                domain.loadedConfig = web;
            } catch (RuntimeException e) {
                // This domain never starts: let go of what its constructor registered (the InProc session store
                // with the shared sweeper, the cache's timer), which would otherwise keep its classloader alive.
                domain.sessions.close();
                domain.cache.close();
                throw e;
            }
            return domain;
        } catch (RuntimeException e) {
            closeAfterFailure(loader, e);
            throw e;
        }
    }

    private static Constructor<? extends HttpApplication> globalClass(WebConfig web, ClassLoader loader) {
        var section = web.section("system.web/httpApplication");
        String type = section.attribute("type").trim();
        if (type.isEmpty()) {
            return TypeLoading.constructor(HttpApplication.class.getClassLoader(), HttpApplication.class.getName(),
                    HttpApplication.class, "the default application class");
        }
        try {
            return TypeLoading.constructor(loader, type, HttpApplication.class, "attribute \"type\"");
        } catch (IllegalArgumentException e) {
            throw new ConfigException(section.location().orElse(null), "<httpApplication> in system.web: "
                    + e.getMessage().replace("does not implement", "does not extend"));
        }
    }

    /** Creates the first instance and runs the Global class's onStart() on it, once. */
    public void start() throws Exception {
        withApplicationLoader(() -> {
            ApplicationInstance first = pool.take();
            try {
                first.application().onStart();
            } finally {
                pool.release(first);
            }
        });
    }

    /** Executes one request on the calling thread; the response is ended or aborted when this returns. */
    public void execute(RequestHead head, RequestBody body, ResponseChannel channel) {
        Thread.currentThread().setContextClassLoader(loader);
        ApplicationInstance instance;
        try {
            instance = pool.take();
        } catch (RuntimeException e) {
            LOG.error("Application {}: cannot create an application instance for {} {}", application.path(),
                    head.method(), head.path(), e);
            PlainResponses.send(channel, 500, 0);
            return;
        }
        RuntimeContext context = new RuntimeContext(this, instance, head, body, channel, clock.millis(), false);
        instance.begin(context);
        ExecutingRequests.process().add(context);
        try {
            pipeline.execute(context);
        } catch (RuntimeException | Error e) {
            LOG.error("Application {}: the runtime failed on {} {}", application.path(), head.method(), head.path(), e);
            context.runtimeResponse().output().abort("internal error: " + e);
            throw e;
        } finally {
            ExecutingRequests.process().remove(context);
            instance.end();
            pool.release(instance);
        }
        context.runtimeResponse().output().sendEnd();
    }

    /** Executes a child GET request (an ExecuteURL error page) and keeps its response in memory. */
    CapturingChannel executeChild(RequestHead head) {
        CapturingChannel channel = new CapturingChannel();
        ApplicationInstance instance = pool.take();
        RuntimeContext context = new RuntimeContext(this, instance, head, RequestBody.EMPTY, channel, clock.millis(), true);
        instance.begin(context);
        try {
            pipeline.execute(context);
        } finally {
            instance.end();
            pool.release(instance);
        }
        context.runtimeResponse().output().sendEnd();
        return channel;
    }

    /** Runs onEnd() once, disposes every instance's modules and closes the classloader. */
    public void stop() throws Exception {
        // InProc sessions die with the domain, before Application_End and without Session_End (ASP.NET).
        stopping = true;
        sessions.close();
        try {
            withApplicationLoader(() -> {
                ApplicationInstance last = pool.take();
                try {
                    last.application().onEnd();
                } finally {
                    pool.release(last);
                }
            });
        } finally {
            cache.close();
            disposeModules();
            loader.close();
            if (servlet != null) {
                // After onEnd, as ASP.NET ends the application before its handlers' resources go.
                servlet.stop();
            }
        }
    }

    /** Cleans up after a failed {@link #start()}: disposes modules and closes the classloader, without onEnd(). */
    public void abandon(Exception cause) {
        stopping = true;
        sessions.close();
        cache.close();
        disposeModules();
        closeAfterFailure(loader, cause);
        stopServlet(servlet, cause);
    }

    private static void stopServlet(ServletApplication servlet, Exception cause) {
        if (servlet == null) {
            return;
        }
        try {
            servlet.stop();
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }

    /** The web application's class loader, or null for a lido-api application (for the unload's leak checks). */
    public ClassLoader webApplicationClassLoader() {
        return servlet == null ? null : servlet.classLoader();
    }

    /**
     * Maps the request to its handler factory from the {@code handlers} configuration and selects the
     * subscribers that run for it (managedHandler modules only run for application handlers).
     */
    void mapHandler(RuntimeContext context) {
        HandlerMap map;
        try {
            map = handlerMaps.get(context.config());
        } catch (ConfigException e) {
            // A well-formed web.config naming a handler type this domain's jars lack: the same bad deployment
            // as an invalid file (the replacing domain fails on it), so this domain keeps its own handlers.
            map = handlerMaps.get(loadedConfigFor(e));
        }
        HandlerFactory factory = map.map(context.request().method(), context.appRelativePath());
        context.mapped(factory, map.isApplicationHandler(factory));
    }

    /**
     * The effective configuration of a request path. While the application's own web.config is invalid
     * (a deployment broke it), the configuration this domain loaded with answers instead of failing every
     * request with 500.19: the domain that would replace this one fails on that file, so this one keeps
     * serving, as a bad deployment must not take a working application down. Errors in the web.config of
     * a sub-folder still fail the requests below it, as in IIS.
     */
    WebConfig webConfig(String path) {
        try {
            return config.webConfig(site, path);
        } catch (ConfigException e) {
            return loadedConfigFor(e);
        }
    }

    /** The configuration this domain loaded with, when {@code e} is about the application's own web.config; else rethrows e. */
    private WebConfig loadedConfigFor(ConfigException e) {
        Path own = application.rootDirectory().physicalPath().resolve("web.config");
        if (loadedConfig == null || e.location() == null || !own.equals(e.location().file())) {
            throw e;
        }
        if (staleConfigLogged.compareAndSet(false, true)) {
            LOG.warn("Application {}: {} is invalid; this domain keeps serving with the configuration it loaded: {}",
                    application.path(), own, e.getMessage());
        }
        return loadedConfig;
    }

    ServerConfig config() {
        return config;
    }

    /** The session state step of this domain. */
    SessionStateModule sessions() {
        return sessions.module();
    }

    /** Session_End of an InProc session: the Global class's onSessionEnd on a pooled instance. */
    private void endSession(String id, Map<String, Object> items, Duration timeout) {
        if (stopping) {
            return;
        }
        try {
            withApplicationLoader(() -> {
                ApplicationInstance instance = pool.take();
                try {
                    instance.application().onSessionEnd(RequestSession.ended(id, items, timeout));
                } finally {
                    pool.release(instance);
                }
            });
        } catch (Exception e) {
            LOG.error("Application {}: onSessionEnd failed for session {}", application.path(), id, e);
        }
    }

    SiteConfig site() {
        return site;
    }

    SiteConfig.Application application() {
        return application;
    }

    /** The application-wide state. */
    public ApplicationStateStore state() {
        return state;
    }

    VirtualPathMapper paths() {
        return paths;
    }

    ErrorResponder errors() {
        return errors;
    }

    /** The application's classloader, for the unload's leak checks (threads still using it). */
    public ClassLoader classLoader() {
        return loader;
    }

    /** How many application instances exist (for tests and the admin view). */
    public int instanceCount() {
        return pool.size();
    }

    private interface Action {
        void run() throws Exception;
    }

    private void withApplicationLoader(Action action) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            action.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Disposes every instance's modules with the application's context loader, as for its other code. */
    private void disposeModules() {
        try {
            withApplicationLoader(pool::disposeAll);
        } catch (Exception e) {
            throw new IllegalStateException("disposing the modules of " + application.path() + " failed: " + e, e);
        }
    }

    private static void closeAfterFailure(ApplicationClassLoader loader, Exception cause) {
        try {
            loader.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
