package io.lido.runtime.domain;

import io.lido.config.ConfigException;
import io.lido.config.ServerConfig;
import io.lido.config.SiteConfig;
import io.lido.ipc.DomainStatus;
import io.lido.ipc.RequestBody;
import io.lido.ipc.RequestHead;
import io.lido.ipc.ResponseChannel;
import io.lido.runtime.ApplicationStartException;
import io.lido.runtime.ModuleCatalog;
import io.lido.runtime.RestartReason;
import io.lido.runtime.internal.ApplicationDomain;
import io.lido.runtime.internal.ApplicationStateStore;
import io.lido.runtime.internal.MissingClasses;
import io.lido.runtime.internal.PlainResponses;
import io.lido.runtime.servlet.ServletApplication;
import io.lido.runtime.servlet.WebApplicationSpec;
import io.lido.runtime.servlet.WebApplications;
import io.lido.runtime.session.StateServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.net.URLConnection;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The domains of one application over time (ASP.NET's HostingEnvironment): starts the first, replaces
 * it on {@link #restart} (the new domain starts while the old one serves; after the swap the old one
 * drains, ends and unloads in the background), keeps the old one when a new one fails, serves 503 while
 * no domain can run (start failed, app_offline.htm) and watches the application's files.
 *
 * <p>{@link #dispatch} reads the published {@link DomainState} once and takes no lock; the other
 * operations are serialised on this object.
 */
public final class DomainLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(DomainLifecycle.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    static {
        // A jar: URL opened with caching keeps its JarFile open for the life of the process (JarFileFactory),
        // pinning every unloaded domain's jars (shadow copies or bin/ itself) open. Application code opens
        // such URLs through getResource(...).openStream(), so caching is off for jar: URLs, as in Tomcat.
        URLConnection.setDefaultUseCaches("jar", false);
    }

    private final ServerConfig config;
    private final SiteConfig site;
    private final SiteConfig.Application application;
    private final ModuleCatalog catalog;
    private final Clock clock;
    private final StateServerConnector stateServer;
    private final String name;
    private final Path root;
    private final String shadowKey;
    private final Set<Thread> unloaders = ConcurrentHashMap.newKeySet();
    private final Set<ActiveDomain> unloading = ConcurrentHashMap.newKeySet();
    private volatile DomainState state = DomainState.NOT_STARTED;
    private volatile ApplicationStateStore lastState;
    /** The last attempt to start a domain, for {@code lido list app}; null before the first. */
    private volatile DomainStatus.DomainStart lastStart;
    private ApplicationWatcher watcher;
    private int generation;

    public DomainLifecycle(ServerConfig config, SiteConfig site, SiteConfig.Application application,
                           ModuleCatalog catalog, Clock clock) {
        this(config, site, application, catalog, clock, null);
    }

    /** As above, with this process's StateServer for session state (null when it has none). */
    public DomainLifecycle(ServerConfig config, SiteConfig site, SiteConfig.Application application,
                           ModuleCatalog catalog, Clock clock, StateServerConnector stateServer) {
        this.stateServer = stateServer;
        this.config = config;
        this.site = site;
        this.application = application;
        this.catalog = catalog;
        this.clock = clock;
        this.name = application.path() + " (site \"" + site.name() + "\")";
        this.root = application.rootDirectory().physicalPath();
        this.shadowKey = key(site, application);
    }

    /**
     * Starts the first domain (or goes offline when app_offline.htm is there) and starts watching the
     * application's files. When the domain fails to start, the failure is logged and thrown, and the
     * application stays in the failed state: requests get 503, and a change or {@link #restart} tries again.
     *
     * @throws ConfigException           when web.config is invalid or names a type that cannot be used
     * @throws ApplicationStartException when onStart, a module's init or the Global init fails
     * @throws IllegalStateException     when already started
     */
    public synchronized void start() {
        startWatching();
        bringUp(null, true);
    }

    /**
     * As {@link #start()}, without throwing: a failure is logged and the application stays in the failed
     * state. Returns whether a domain serves.
     */
    public synchronized boolean tryStart() {
        startWatching();
        return bringUp(null, false);
    }

    private void startWatching() {
        if (state != DomainState.NOT_STARTED) {
            throw new IllegalStateException("application " + name + " is already started");
        }
        try {
            watcher = ApplicationWatcher.start(root, watchSettings(), name, this::restartOnChange);
        } catch (UncheckedIOException e) {
            // The application can still run (or report why it cannot); only automatic restarts are lost.
            LOG.warn("Application {}: changes to its files will not restart it: {}", name, e.getMessage());
        }
    }

    /**
     * Starts a new domain; once it has started it takes all new requests while in-flight requests finish
     * in the old one, whose onEnd runs before it is unloaded. A new domain that fails to start is
     * discarded with the error logged, and the old one keeps serving. With app_offline.htm present the
     * current domain is unloaded instead and requests get the offline page.
     *
     * @return true when a new domain serves, false when it was discarded, the application is offline,
     *         or the runtime is not running
     */
    public synchronized boolean restart(RestartReason reason) {
        if (state instanceof DomainState.Stopped stopped) {
            LOG.info("Application {}: restart ({}) ignored: it {}", name, reason.logText(), stopped.why());
            return false;
        }
        LOG.info("Application {} restarting: {}", name, reason.logText());
        return bringUp(reason, false);
    }

    /** Routes one request to the serving domain (on a new virtual thread), or answers 503 without one. */
    public void dispatch(RequestHead head, RequestBody body, ResponseChannel response) {
        DomainState current = state;
        while (current instanceof DomainState.Serving serving) {
            ActiveDomain domain = serving.domain();
            if (domain.tryEnter()) {
                execute(domain, head, body, response);
                return;
            }
            // The domain closed between the read and the enter; the state replacing it was published first.
            current = state;
        }
        switch (current) {
            case DomainState.Failed failed -> PlainResponses.startupFailed(response, head, failed.error());
            case DomainState.Offline offline -> PlainResponses.offline(response, offline.page());
            default -> PlainResponses.serviceUnavailable(response);
        }
    }

    /**
     * Stops watching, refuses new requests (503), waits up to {@code timeout} for the requests of the
     * serving domain and of domains still unloading, runs onEnd and unloads. Calling it again does nothing.
     *
     * @throws IllegalStateException when onEnd fails (after everything else was done) or the wait is interrupted
     */
    public synchronized void shutdown(Duration timeout) {
        DomainState before = state;
        if (before == DomainState.SHUT_DOWN) {
            return;
        }
        state = DomainState.SHUT_DOWN;
        long deadline = System.nanoTime() + timeout.toNanos();
        if (watcher != null) {
            watcher.close();
        }
        RuntimeException endFailure = null;
        try {
            if (before instanceof DomainState.Serving serving) {
                try {
                    serving.domain().unload(timeout, RestartReason.SHUTDOWN);
                } catch (RuntimeException e) {
                    // onEnd failed; the domain is unloaded all the same, and earlier domains still get their wait.
                    endFailure = e;
                }
            }
            for (Thread unloader : unloaders) {
                long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                if (!unloader.join(Duration.ofMillis(left))) {
                    LOG.warn("Application {}: an earlier domain is still unloading at shutdown", name);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while shutting down application " + name, e);
        }
        if (unloaders.isEmpty()) {
            ShadowCopy.deleteApplicationFolder(shadowKey);
        }
        LOG.info("Application {} stopped", name);
        if (endFailure != null) {
            throw endFailure;
        }
    }

    /** Requests executing now, in the serving domain and in domains still draining. */
    public int inFlight() {
        int total = state instanceof DomainState.Serving serving ? serving.domain().inFlight() : 0;
        for (ActiveDomain domain : unloading) {
            total += domain.inFlight();
        }
        return total;
    }

    /** The state of the domain that serves, or served last; null before any domain started. */
    public ApplicationStateStore applicationState() {
        return lastState;
    }

    /** How many pooled application instances the serving domain has (0 without one). */
    public int applicationInstances() {
        return state instanceof DomainState.Serving serving ? serving.domain().domain().instanceCount() : 0;
    }

    /** The serving domain's generation (1 for the first domain), or 0 when no domain serves. */
    public int servingGeneration() {
        return state instanceof DomainState.Serving serving ? serving.domain().generation() : 0;
    }

    /** The serving domain's classloader, or null; for the leak tests, which must see old loaders go. */
    ClassLoader servingLoader() {
        return state instanceof DomainState.Serving serving ? serving.domain().domain().classLoader() : null;
    }

    /** The state, the serving generation and the last attempt to start a domain, for {@code lido list app}. */
    public DomainStatus domainStatus() {
        return new DomainStatus(status(), servingGeneration(), lastStart);
    }

    /** "Serving", "Failed", "Offline" or "Stopped", for the admin view and tests. */
    public String status() {
        return switch (state) {
            case DomainState.Serving s -> "Serving";
            case DomainState.Failed f -> "Failed";
            case DomainState.Offline o -> "Offline";
            case DomainState.Stopped s -> "Stopped";
        };
    }

    private void execute(ActiveDomain domain, RequestHead head, RequestBody body, ResponseChannel response) {
        try {
            // Unnamed: formatting a name per request cost ~3% of a small request's CPU, and a thread dump
            // still shows which application a request thread runs in by its stack (ApplicationDomain.execute).
            Thread thread = RequestThreads.newThread(response.requestScheduler(),
                    () -> domain.execute(head, body, response));
            response.executesOn(thread);
            thread.start();
        } catch (RuntimeException | OutOfMemoryError e) {
            domain.exit();
            LOG.error("Application {}: cannot start a thread for {} {}", name, head.method(), head.path(), e);
            PlainResponses.serviceUnavailable(response);
        }
    }

    private void restartOnChange(RestartReason reason) {
        restart(reason);
    }

    /** Brings up a new domain, or the offline page; returns whether a new domain serves. */
    private boolean bringUp(RestartReason reason, boolean throwOnFailure) {
        DomainState before = state;
        ActiveDomain previous = before instanceof DomainState.Serving serving ? serving.domain() : null;
        byte[] offlinePage = AppOffline.read(root);
        if (offlinePage != null) {
            state = new DomainState.Offline(offlinePage);
            LOG.info("Application {} is offline: {} is in {}", name, AppOffline.FILE_NAME, root);
            if (previous != null) {
                unloadInBackground(previous, RestartReason.APP_OFFLINE);
            }
            return false;
        }
        int next = ++generation;
        ActiveDomain started;
        try {
            started = load(next);
        } catch (RuntimeException e) {
            lastStart = new DomainStatus.DomainStart(next, reason == null ? "start" : reason.logText(), clock.instant(),
                    StartErrors.oneLine(e));
            if (previous != null) {
                LOG.error("Application {}: domain {} failed to start and was discarded; domain {} keeps serving",
                        name, next, previous.generation(), e);
            } else {
                state = new DomainState.Failed(e);
                LOG.error("Application {}: domain {} failed to start; requests get 503 until web.config or bin/ "
                        + "changes or a manual restart", name, next, e);
            }
            if (throwOnFailure) {
                throw e;
            }
            return false;
        }
        state = new DomainState.Serving(started);
        lastState = started.domain().state();
        lastStart = new DomainStatus.DomainStart(next, reason == null ? "start" : reason.logText(), clock.instant(),
                null);
        if (previous != null) {
            LOG.info("Application {} restarted: domain {} serves, domain {} unloading", name, next, previous.generation());
            unloadInBackground(previous, reason);
        } else {
            LOG.info("Application {} started (domain {})", name, next);
        }
        return true;
    }

    private ActiveDomain load(int next) {
        config.recheckWebConfig();
        DomainSettings settings = DomainSettings.read(config.webConfig(site, application.path()));
        Path bin = root.resolve("bin");
        boolean webApplication = WebApplications.isWebApplication(root);
        // A web application is always unpacked into its shadow copy: a .war must be, and Jetty then serves the copy.
        ShadowCopy shadow = webApplication ? ShadowCopy.createWebApplication(root, shadowKey, next)
                : settings.shadowCopy() ? ShadowCopy.create(bin, shadowKey, next) : null;
        ApplicationDomain domain = null;
        try {
            ServletApplication servlet = webApplication ? deployWebApplication(shadow) : null;
            // A web application's own code is in WEB-INF: the domain's lido-api loader gets no jars of its own.
            domain = ApplicationDomain.load(config, site, application, catalog, clock,
                    webApplication ? shadow.folder().resolve("bin") : shadow == null ? bin : shadow.folder(),
                    stateServer, servlet);
            domain.start();
            return new ActiveDomain(domain, shadow, next, name, settings.shutdownTimeout());
        } catch (RuntimeException e) {
            // Described before the discard: a broken descriptor is found again in the shadow copy, which goes with it.
            RuntimeException failure = domain == null && !webApplication ? e : startFailure(e, shadow);
            ActiveDomain.discard(domain, shadow, e);
            throw failure;
        } catch (Exception e) {
            ApplicationStartException failure = startFailure(e, shadow);
            ActiveDomain.discard(domain, shadow, e);
            throw failure;
        } catch (LinkageError e) {
            // onStart needed a class that bin/ lacks (or one whose initialiser failed): this domain cannot start,
            // which must not take the host or the worker down with it.
            ApplicationStartException failure = startFailure(e, shadow);
            ActiveDomain.discard(domain, shadow, failure);
            throw failure;
        }
    }

    private ServletApplication deployWebApplication(ShadowCopy shadow) throws Exception {
        String contextPath = application.path().equals("/") ? "" : application.path();
        return WebApplications.container().deploy(new WebApplicationSpec(name, contextPath,
                shadow.webApplicationFolder(), shadow.temporaryFolder()));
    }

    private ApplicationStartException startFailure(Throwable e, ShadowCopy shadow) {
        if (e instanceof ApplicationStartException already) {
            return already;
        }
        String missing = MissingClasses.describe(e, null);
        String descriptor = shadow == null ? null : DeploymentErrors.describe(e, root, shadow.webApplicationFolder());
        return new ApplicationStartException("application " + name + " failed to start: "
                + (missing != null ? missing : descriptor != null ? descriptor : e.getMessage()), e);
    }

    private void unloadInBackground(ActiveDomain old, RestartReason reason) {
        unloading.add(old);
        Thread unloader = Thread.ofVirtual().name("lido-unload " + name + " domain " + old.generation()).unstarted(() -> {
            try {
                old.unload(reason);
            } catch (InterruptedException e) {
                LOG.warn("Application {}: unload of domain {} interrupted", name, old.generation());
            } catch (RuntimeException e) {
                LOG.error("Application {}: unload of domain {} failed", name, old.generation(), e);
            } finally {
                unloading.remove(old);
                unloaders.remove(Thread.currentThread());
            }
        });
        unloaders.add(unloader);
        unloader.start();
    }

    private DomainSettings watchSettings() {
        try {
            return DomainSettings.read(config.webConfig(site, application.path()));
        } catch (ConfigException e) {
            // The domain start reports the invalid file; the watcher must run so that a fix is noticed.
            return DomainSettings.DEFAULTS;
        }
    }

    /**
     * The application's shadow copy folder name: site id and path, plus a number unique in this process,
     * because two runtimes of one application can coexist (a server restarted in place, tests).
     */
    private static String key(SiteConfig site, SiteConfig.Application application) {
        String path = application.path().equals("/") ? "root" : application.path().substring(1);
        return site.id() + "_" + path.replaceAll("[^A-Za-z0-9._-]", "_").toLowerCase(Locale.ROOT) + "-"
                + INSTANCES.incrementAndGet();
    }

    @Override
    public String toString() {
        return "DomainLifecycle[" + name + ", " + status() + "]";
    }
}
