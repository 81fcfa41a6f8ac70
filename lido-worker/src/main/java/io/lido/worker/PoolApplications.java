package io.lido.worker;

import io.lido.config.ApplicationPoolConfig;
import io.lido.config.ServerConfig;
import io.lido.config.SiteConfig;
import io.lido.ipc.RequestDispatcher;
import io.lido.ipc.frame.DomainStatusCodec;
import io.lido.runtime.HttpRuntime;
import io.lido.runtime.ModuleCatalog;
import io.lido.runtime.session.StateServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The applications one worker hosts: an {@link HttpRuntime} for every application, of every site that
 * starts with the server, whose {@code applicationPool} is the worker's pool.
 */
final class PoolApplications {
    private static final Logger LOG = LoggerFactory.getLogger(PoolApplications.class);

    private final Map<String, HttpRuntime> byKey = new HashMap<>();
    private final List<HttpRuntime> runtimes = new ArrayList<>();
    /** Site id and path of each runtime, in the same order, for APP_STATUS. */
    private final List<DomainStatusCodec.Application> names = new ArrayList<>();
    /** The built-in modules of this worker, closed after the runtimes (null once closed). */
    private volatile ModuleCatalog catalog;

    private PoolApplications() {
    }

    /** The pool's configuration. @throws IllegalArgumentException when the file defines no such pool */
    static ApplicationPoolConfig pool(ServerConfig config, String name) {
        return config.applicationPools().stream()
                .filter(pool -> pool.name().equalsIgnoreCase(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("application pool '" + name + "' is not defined in "
                        + config.file()));
    }

    /**
     * Starts every application of the pool. An application that fails to start does not stop the others:
     * its runtime stays up in the failed state (see {@link HttpRuntime#tryStart()}). When anything else
     * throws, the runtimes already started are shut down and the failure is rethrown.
     */
    static PoolApplications start(ServerConfig config, String pool, ModuleCatalog catalog, Clock clock) {
        return start(config, pool, catalog, clock, null);
    }

    /**
     * As above, with the host's StateServer for session state (null: none, so sessions default to InProc and
     * {@code mode="StateServer"} fails at start).
     */
    static PoolApplications start(ServerConfig config, String pool, ModuleCatalog catalog, Clock clock,
                                  StateServerConnector stateServer) {
        PoolApplications apps = new PoolApplications();
        apps.catalog = catalog;
        try {
            for (SiteConfig site : config.sites()) {
                if (!site.serverAutoStart()) {
                    continue;
                }
                for (SiteConfig.Application app : site.applications()) {
                    if (app.applicationPool().equalsIgnoreCase(pool)) {
                        HttpRuntime runtime = new HttpRuntime(config, site, app, catalog, clock, stateServer);
                        runtime.tryStart();
                        apps.byKey.put(key(site.id(), app.path()), runtime);
                        apps.runtimes.add(runtime);
                        apps.names.add(new DomainStatusCodec.Application(site.id(), app.path(),
                                runtime.domainStatus()));
                    }
                }
            }
        } catch (RuntimeException e) {
            apps.shutdown(Duration.ofSeconds(5), clock);
            throw e;
        }
        if (apps.runtimes.isEmpty()) {
            LOG.warn("Application pool '{}' has no application in {}", pool, config.file());
        }
        return apps;
    }

    /** The runtime of an application, or null when this worker does not host it. */
    RequestDispatcher find(long siteId, String applicationPath) {
        return byKey.get(key(siteId, applicationPath));
    }

    /** The domain state of every application, now (APP_STATUS: {@code lido list app}). */
    List<DomainStatusCodec.Application> statuses() {
        List<DomainStatusCodec.Application> all = new ArrayList<>(runtimes.size());
        for (int i = 0; i < runtimes.size(); i++) {
            DomainStatusCodec.Application app = names.get(i);
            all.add(new DomainStatusCodec.Application(app.siteId(), app.applicationPath(),
                    runtimes.get(i).domainStatus()));
        }
        return all;
    }

    int count() {
        return runtimes.size();
    }

    /** Shuts every runtime down within one shared deadline, logging (not throwing) failures. */
    void shutdown(Duration timeout, Clock clock) {
        Instant deadline = clock.instant().plus(timeout);
        for (HttpRuntime runtime : runtimes) {
            Duration left = Duration.between(clock.instant(), deadline);
            try {
                runtime.shutdown(left.isNegative() ? Duration.ZERO : left);
            } catch (RuntimeException e) {
                LOG.error("{} failed to shut down", runtime, e);
            }
        }
        runtimes.clear();
        names.clear();
        ModuleCatalog modules = catalog;
        catalog = null;
        if (modules != null) {
            // After the runtimes: their last requests may still use the catalog's FastCGI processes.
            modules.close();
        }
    }

    private static String key(long siteId, String path) {
        return siteId + path.toLowerCase(Locale.ROOT);
    }
}
