package io.lido.server;

import io.lido.activation.ActivationService;
import io.lido.activation.ApplicationPool;
import io.lido.activation.ApplicationRecycle;
import io.lido.activation.ApplicationVerbs;
import io.lido.activation.ControlClient.Answer;
import io.lido.config.ServerConfig;
import io.lido.config.SiteConfig;
import io.lido.config.TimeSpans;
import io.lido.ipc.frame.RecycleCodec;
import io.lido.runtime.HttpRuntime;
import io.lido.runtime.RestartReason;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * {@code lido recycle app SITE/PATH} and {@code lido list app} on the host: finds the application by
 * appcmd's name ("Default Web Site/app"; "Default Web Site/" or "Default Web Site" is the root
 * application), then restarts its domain in this process for an in-process pool, or has every running
 * worker of its out-of-process pool restart it (RECYCLE_APP frames).
 */
final class ApplicationControl implements ApplicationVerbs {
    /** How long a recycle may take: a new domain's start (Global onStart included) on every worker. */
    static final Duration RECYCLE_TIMEOUT = Duration.ofMinutes(2);

    private final ServerConfig config;
    private final ApplicationHosts hosts;
    private final ActivationService activation;

    ApplicationControl(ServerConfig config, ApplicationHosts hosts, ActivationService activation) {
        this.config = config;
        this.hosts = hosts;
        this.activation = activation;
    }

    /** A resolved SITE/PATH. */
    private record Target(SiteConfig site, SiteConfig.Application app) {
        String name() {
            return site.name() + app.path();
        }
    }

    @Override
    public Answer recycle(String siteAndPath) {
        int slash = siteAndPath.indexOf('/');
        String siteName = (slash < 0 ? siteAndPath : siteAndPath.substring(0, slash)).trim();
        String path = slash < 0 ? "/" : siteAndPath.substring(slash);
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        SiteConfig site = findSite(siteName);
        if (site == null) {
            return new Answer(false, "no site is named '" + siteName + "' (sites: " + config.sites().stream()
                    .map(SiteConfig::name).collect(Collectors.joining(", ")) + ")");
        }
        String wanted = path;
        SiteConfig.Application app = site.applications().stream()
                .filter(a -> a.path().equalsIgnoreCase(wanted)).findFirst().orElse(null);
        if (app == null) {
            return new Answer(false, "site '" + site.name() + "' has no application '" + path + "' (applications: "
                    + site.applications().stream().map(SiteConfig.Application::path).collect(Collectors.joining(", "))
                    + ")");
        }
        if (!site.serverAutoStart()) {
            return new Answer(false, "site '" + site.name() + "' is not started (serverAutoStart=\"false\")");
        }
        Target target = new Target(site, app);
        ApplicationPool pool = activation.pool(app.applicationPool()).orElse(null);
        return pool == null ? inProcess(target) : outOfProcess(target, pool);
    }

    @Override
    public Answer list() {
        StringJoiner out = new StringJoiner("\n");
        for (SiteConfig site : config.sites()) {
            for (SiteConfig.Application app : site.applications()) {
                out.add("APP \"" + site.name() + app.path() + "\" (applicationPool:" + app.applicationPool() + ")");
            }
        }
        return new Answer(true, out.toString());
    }

    private Answer inProcess(Target target) {
        HttpRuntime runtime = hosts.runtime(target.site(), target.app());
        if (runtime == null) {
            return new Answer(false, "application \"" + target.name() + "\" has no runtime in this process");
        }
        if (runtime.restart(RestartReason.MANUAL)) {
            return new Answer(true, "\"" + target.name() + "\" successfully recycled (domain generation "
                    + runtime.domainGeneration() + ")");
        }
        return new Answer(false, "the new domain of \"" + target.name() + "\" failed to start (see the server log);"
                + " the application is " + runtime.status());
    }

    private Answer outOfProcess(Target target, ApplicationPool pool) {
        List<ApplicationRecycle> outcomes;
        try {
            outcomes = pool.recycleApplication(target.site().id(), target.app().path())
                    .get(RECYCLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(false, "interrupted while recycling \"" + target.name() + "\"");
        } catch (ExecutionException e) {
            return new Answer(false, "recycling \"" + target.name() + "\" failed: " + e.getCause());
        } catch (TimeoutException e) {
            return new Answer(false, "the workers of application pool '" + pool.name() + "' did not finish recycling \""
                    + target.name() + "\" within " + TimeSpans.format(RECYCLE_TIMEOUT));
        }
        if (outcomes.isEmpty()) {
            return new Answer(true, "application pool '" + pool.name() + "' is not running, nothing to recycle");
        }
        String perWorker = outcomes.stream()
                .map(o -> "worker pid " + o.pid() + ": " + o.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                        + (o.message() == null ? "" : " (" + o.message() + ")"))
                .collect(Collectors.joining("\n"));
        boolean ok = outcomes.stream().allMatch(o -> o.status() == RecycleCodec.Status.RESTARTED);
        return ok ? new Answer(true, "\"" + target.name() + "\" successfully recycled\n" + perWorker)
                : new Answer(false, "recycling \"" + target.name() + "\" failed in application pool '" + pool.name()
                + "'\n" + perWorker);
    }

    private SiteConfig findSite(String name) {
        return config.sites().stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst().orElse(null);
    }
}
