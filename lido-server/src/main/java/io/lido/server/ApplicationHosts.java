package io.lido.server;

import io.lido.activation.ActivationService;
import io.lido.activation.ApplicationPool;
import io.lido.config.ServerConfig;
import io.lido.config.SiteConfig;
import io.lido.ipc.RequestDispatcher;
import io.lido.listener.DispatcherResolver;
import io.lido.runtime.HttpRuntime;
import io.lido.runtime.ModuleCatalog;
import io.lido.runtime.session.StateServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The application domains of a configuration and the {@link DispatcherResolver} the listener routes
 * through: an application of an {@code inProcess} pool gets a started {@link HttpRuntime} here; one of an
 * {@code outOfProcess} pool is dispatched to its {@link ApplicationPool}, whose worker processes host it
 * (this process never loads its classes).
 */
final class ApplicationHosts implements DispatcherResolver {
    private static final Logger LOG = LoggerFactory.getLogger(ApplicationHosts.class);

    /** Same configuration objects as the listener's, so identity is the fast path. */
    private final Map<SiteConfig.Application, RequestDispatcher> byApplication = new IdentityHashMap<>();
    /** Fallback by (site id, application path), for equal but not identical configuration objects. */
    private final Map<String, RequestDispatcher> byKey = new ConcurrentHashMap<>();
    private final List<HttpRuntime> runtimes = new ArrayList<>();
    /** The built-in modules of the in-process applications, closed after their runtimes (null once closed). */
    private volatile ModuleCatalog catalog;

    /** No application yet: the listener is given this before {@link #start} fills it, and accepts after. */
    ApplicationHosts() {
    }

    /**
     * Creates and starts the runtime of every in-process application of every auto-started site, and
     * routes the others to their pool in {@code activation}; in-process applications keep StateServer
     * sessions through {@code stateServer} (null: none, so their sessions default to InProc). An application
     * that fails to start does not stop the server: its runtime stays up in the failed state (see
     * {@link HttpRuntime#tryStart()}). When anything else fails, the runtimes already created are shut down
     * and the failure is rethrown. Called once, before the listener accepts: the maps it fills are read
     * without a lock afterwards.
     */
    void start(ServerConfig config, ModuleCatalog catalog, Duration shutdownTimeout, ActivationService activation,
               StateServerConnector stateServer) {
        ApplicationHosts hosts = this;
        hosts.catalog = catalog;
        try {
            for (SiteConfig site : config.sites()) {
                if (!site.serverAutoStart()) {
                    LOG.info("Site '{}' has serverAutoStart=\"false\": not started", site.name());
                    continue;
                }
                for (SiteConfig.Application app : site.applications()) {
                    ApplicationPool pool = activation.pool(app.applicationPool()).orElse(null);
                    if (pool != null) {
                        hosts.add(site, app, pool);
                        continue;
                    }
                    HttpRuntime runtime = new HttpRuntime(config, site, app, catalog, Clock.systemUTC(), stateServer);
                    hosts.runtimes.add(runtime);
                    runtime.tryStart();
                    hosts.add(site, app, runtime);
                }
            }
        } catch (RuntimeException e) {
            hosts.shutdown(shutdownTimeout, Clock.systemUTC());
            throw e;
        }
    }

    private void add(SiteConfig site, SiteConfig.Application app, RequestDispatcher dispatcher) {
        byApplication.put(app, dispatcher);
        byKey.put(key(site, app), dispatcher);
    }

    @Override
    public RequestDispatcher dispatcher(SiteConfig site, SiteConfig.Application app) {
        RequestDispatcher dispatcher = byApplication.get(app);
        if (dispatcher == null) {
            dispatcher = byKey.get(key(site, app));
        }
        if (dispatcher == null) {
            throw new IllegalStateException("no application runtime for site '" + site.name()
                    + "' application '" + app.path() + "' (is the site started?)");
        }
        return dispatcher;
    }

    /** The in-process runtime of an application; null when a pool's workers host it, or its site is not started. */
    HttpRuntime runtime(SiteConfig site, SiteConfig.Application app) {
        return byKey.get(key(site, app)) instanceof HttpRuntime runtime ? runtime : null;
    }

    /** Requests executing in every in-process application now. */
    int inFlight() {
        int total = 0;
        for (HttpRuntime runtime : runtimes) {
            total += runtime.inFlight();
        }
        return total;
    }

    /**
     * Shuts every runtime down, sharing one deadline: each waits for its in-flight requests until the
     * deadline, then ends its application. Every runtime is shut down even when one fails; the first
     * failure is rethrown afterwards with the others suppressed.
     */
    void shutdown(Duration timeout, Clock clock) {
        Instant deadline = clock.instant().plus(timeout);
        RuntimeException failure = null;
        for (HttpRuntime runtime : runtimes) {
            Duration left = Duration.between(clock.instant(), deadline);
            try {
                runtime.shutdown(left.isNegative() ? Duration.ZERO : left);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        runtimes.clear();
        ModuleCatalog modules = catalog;
        catalog = null;
        if (modules != null) {
            // After the runtimes: their last requests may still use the catalog's FastCGI processes.
            modules.close();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static String key(SiteConfig site, SiteConfig.Application app) {
        return site.id() + app.path().toLowerCase(java.util.Locale.ROOT);
    }
}
