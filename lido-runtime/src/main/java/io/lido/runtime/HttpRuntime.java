package io.lido.runtime;

import io.lido.api.HttpApplicationState;
import io.lido.config.ServerConfig;
import io.lido.config.SiteConfig;
import io.lido.ipc.RequestBody;
import io.lido.ipc.RequestDispatcher;
import io.lido.ipc.RequestHead;
import io.lido.ipc.ResponseChannel;
import io.lido.runtime.internal.ApplicationDomain;
import io.lido.runtime.internal.InFlightRequests;
import io.lido.runtime.internal.PlainResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * Hosts one application (an ASP.NET "application domain"): its classloader over {@code bin/*.jar}, its
 * Global class, pooled {@link io.lido.api.HttpApplication} instances and the integrated pipeline.
 *
 * <p>Life cycle: {@link #start()} once, then {@link #dispatch} from the listener for every request of
 * the application, then {@link #shutdown(Duration)} once. {@code dispatch} never blocks: each request
 * runs on its own virtual thread, with the application's classloader as the thread's context loader,
 * and answers through its {@link ResponseChannel}. Requests that arrive before start or after shutdown
 * began are answered with 503.
 */
public final class HttpRuntime implements RequestDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(HttpRuntime.class);

    private final ServerConfig config;
    private final SiteConfig site;
    private final SiteConfig.Application application;
    private final ModuleCatalog catalog;
    private final Clock clock;
    private final InFlightRequests inFlight = new InFlightRequests();
    private final ThreadFactory threads;
    private volatile ApplicationDomain domain;
    private volatile boolean accepting;
    private volatile HttpApplicationState state;

    public HttpRuntime(ServerConfig config, SiteConfig site, SiteConfig.Application application, ModuleCatalog catalog) {
        this(config, site, application, catalog, Clock.systemUTC());
    }

    /** As above, with the clock that stamps requests ({@code HttpContext.timestamp()}). */
    public HttpRuntime(ServerConfig config, SiteConfig site, SiteConfig.Application application, ModuleCatalog catalog,
                       Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.site = Objects.requireNonNull(site, "site");
        this.application = Objects.requireNonNull(application, "application");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.clock = Objects.requireNonNull(clock, "clock");
        // Unnamed: formatting a name per request cost ~3% of a small request's CPU, and a thread dump
        // still shows which application a request thread runs in by its stack (ApplicationDomain.execute).
        this.threads = Thread.ofVirtual().factory();
    }

    /**
     * Loads the application and runs its Global class's {@code onStart()} once.
     *
     * @throws io.lido.config.ConfigException when web.config names a type that cannot be used
     * @throws ApplicationStartException      when onStart, a module's init or the Global init fails
     * @throws IllegalStateException          when already started
     */
    public synchronized void start() {
        if (domain != null) {
            throw new IllegalStateException("application " + describe() + " is already started");
        }
        ApplicationDomain loaded = ApplicationDomain.load(config, site, application, catalog, clock);
        try {
            loaded.start();
        } catch (Exception e) {
            loaded.abandon(e);
            throw new ApplicationStartException("application " + describe() + " failed to start: " + e.getMessage(), e);
        }
        domain = loaded;
        state = loaded.state();
        accepting = true;
        LOG.info("Application {} started", describe());
    }

    @Override
    public void dispatch(RequestHead head, RequestBody body, ResponseChannel response) {
        inFlight.enter();
        ApplicationDomain current = domain;
        if (!accepting || current == null) {
            inFlight.exit();
            PlainResponses.serviceUnavailable(response);
            return;
        }
        try {
            threads.newThread(() -> {
                try {
                    current.execute(head, body, response);
                } finally {
                    inFlight.exit();
                }
            }).start();
        } catch (RuntimeException | OutOfMemoryError e) {
            inFlight.exit();
            LOG.error("Application {}: cannot start a thread for {} {}", describe(), head.method(), head.path(), e);
            PlainResponses.serviceUnavailable(response);
        }
    }

    /**
     * Stops accepting requests (new ones get 503), waits up to {@code timeout} for those executing,
     * then runs onEnd(), disposes the modules and closes the classloader. Calling it again does nothing.
     */
    public synchronized void shutdown(Duration timeout) {
        ApplicationDomain current = domain;
        if (current == null) {
            return;
        }
        accepting = false;
        try {
            if (!inFlight.awaitIdle(timeout)) {
                LOG.warn("Application {}: {} request(s) still executing after {}; shutting down anyway",
                        describe(), inFlight.count(), timeout);
            }
            current.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while shutting down application " + describe(), e);
        } catch (Exception e) {
            throw new IllegalStateException("application " + describe() + " failed to shut down: " + e.getMessage(), e);
        } finally {
            domain = null;
        }
        LOG.info("Application {} stopped", describe());
    }

    /** How many requests are executing now. */
    public int inFlight() {
        return inFlight.count();
    }

    /**
     * The application's state ({@code Application} in ASP.NET), for the server's admin view and tests.
     *
     * @throws IllegalStateException before {@link #start()}
     */
    public HttpApplicationState applicationState() {
        HttpApplicationState current = state;
        if (current == null) {
            throw new IllegalStateException("application " + describe() + " has not been started");
        }
        return current;
    }

    /** How many pooled application instances exist (0 before start). */
    public int applicationInstances() {
        ApplicationDomain current = domain;
        return current == null ? 0 : current.instanceCount();
    }

    private String describe() {
        return application.path() + " (site \"" + site.name() + "\")";
    }

    @Override
    public String toString() {
        return "HttpRuntime[" + describe() + "]";
    }
}
