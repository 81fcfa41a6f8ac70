package io.lido.server;

import io.lido.activation.ActivationService;
import io.lido.activation.ApplicationPool;
import io.lido.activation.ApplicationRecycle;
import io.lido.activation.ApplicationVerbs;
import io.lido.activation.ListRecord;
import io.lido.activation.WorkerRequests;
import io.lido.activation.ControlClient.Answer;
import io.lido.activation.WorkerDomains;
import io.lido.config.ServerConfig;
import io.lido.config.SiteConfig;
import io.lido.config.TimeSpans;
import io.lido.ipc.DomainStatus;
import io.lido.ipc.ExecutingRequest;
import io.lido.ipc.frame.RecycleCodec;
import io.lido.runtime.CurrentRequests;
import io.lido.runtime.HttpRuntime;
import io.lido.runtime.RestartReason;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * {@code lido recycle app SITE/PATH} and {@code lido list app} on the host: finds the application by
 * appcmd's name ("Default Web Site/app"; "Default Web Site/" or "Default Web Site" is the root
 * application), then restarts its domain in this process for an in-process pool, or has every running
 * worker of its out-of-process pool restart it (RECYCLE_APP frames); lists each application's domains as its
 * in-process runtime or every running worker of its pool (APP_STATUS frames) reports them.
 */
final class ApplicationControl implements ApplicationVerbs {
    /** How long a recycle may take: a new domain's start (Global onStart included) on every worker. */
    static final Duration RECYCLE_TIMEOUT = Duration.ofMinutes(2);
    /** How long {@code list app} waits for a worker's answer, which it gives from its event loop at once. */
    static final Duration STATUS_TIMEOUT = Duration.ofSeconds(10);

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

    /**
     * One record per application and hosting process: its pool, which domain generation serves and the last
     * attempt to start one (reason, time, error); an out-of-process application has one per running worker,
     * which each report their own domains.
     */
    @Override
    public List<ListRecord> list() {
        Map<String, CompletableFuture<List<WorkerDomains>>> asked = new HashMap<>();
        for (ApplicationPool pool : activation.pools()) {
            asked.put(pool.name().toLowerCase(Locale.ROOT), pool.applicationStatus(STATUS_TIMEOUT));
        }
        List<ListRecord> out = new ArrayList<>();
        for (SiteConfig site : config.sites()) {
            for (SiteConfig.Application app : site.applications()) {
                String name = site.name() + app.path();
                CompletableFuture<List<WorkerDomains>> workers =
                        asked.get(app.applicationPool().toLowerCase(Locale.ROOT));
                if (!site.serverAutoStart()) {
                    out.add(ListRecord.of("APP", name).add("applicationPool", app.applicationPool())
                            .add("state", "Stopped").add("reason", "site not started").build());
                } else if (workers == null) {
                    HttpRuntime runtime = hosts.runtime(site, app);
                    ListRecord.Builder record = ListRecord.of("APP", name).add("applicationPool", app.applicationPool());
                    if (runtime == null) {
                        record.add("state", "Unknown");
                    } else {
                        describe(record, runtime.domainStatus());
                    }
                    out.add(record.build());
                } else {
                    outOfProcess(out, name, site, app, workers.join());
                }
            }
        }
        return out;
    }

    private static void outOfProcess(List<ListRecord> out, String name, SiteConfig site, SiteConfig.Application app,
                                     List<WorkerDomains> workers) {
        if (workers.isEmpty()) {
            out.add(ListRecord.of("APP", name).add("applicationPool", app.applicationPool()).add("state", "NoWorker")
                    .build());
        }
        for (WorkerDomains worker : workers) {
            ListRecord.Builder record = ListRecord.of("APP", name).add("applicationPool", app.applicationPool())
                    .add("worker", worker.pid());
            if (worker.failure() != null) {
                out.add(record.add("state", "Unknown").add("reason", "the worker did not answer: " + worker.failure())
                        .build());
                continue;
            }
            worker.applications().stream()
                    .filter(a -> a.siteId() == site.id() && a.applicationPath().equalsIgnoreCase(app.path()))
                    .findFirst()
                    .ifPresentOrElse(a -> describe(record, a.status()),
                            () -> record.add("state", "Unknown").add("reason", "the worker does not host it"));
            out.add(record.build());
        }
    }

    /** state:Serving, domain:2, lastStart:domain 3 (manual) failed 2026-12-07T14:03:11Z: why. */
    private static void describe(ListRecord.Builder record, DomainStatus status) {
        record.add("state", status.state()).add("domain",
                status.servingGeneration() > 0 ? Integer.toString(status.servingGeneration()) : "none");
        DomainStatus.DomainStart last = status.lastStart();
        if (last != null) {
            StringBuilder text = new StringBuilder("domain ").append(last.generation()).append(" (")
                    .append(last.reason()).append(") ").append(last.succeeded() ? "started " : "failed ")
                    .append(last.at().truncatedTo(ChronoUnit.SECONDS));
            if (!last.succeeded()) {
                text.append(": ").append(last.error());
            }
            record.add("lastStart", text.toString());
        }
    }

    /**
     * The requests executing now: this process's (in-process pools) and those every running worker of each
     * out-of-process pool reports (REQUEST_LIST frames), longest-running first.
     */
    @Override
    public List<ListRecord> requests(long minElapsedMillis) {
        List<CompletableFuture<List<WorkerRequests>>> asked = new ArrayList<>();
        List<ApplicationPool> pools = List.copyOf(activation.pools());
        for (ApplicationPool pool : pools) {
            asked.add(pool.executingRequests(minElapsedMillis, STATUS_TIMEOUT));
        }
        List<CurrentRequest> all = new ArrayList<>();
        long host = ProcessHandle.current().pid();
        for (ExecutingRequest request : CurrentRequests.snapshot(minElapsedMillis)) {
            all.add(new CurrentRequest(request, host, poolOf(request)));
        }
        List<ListRecord> notes = new ArrayList<>();
        for (int i = 0; i < pools.size(); i++) {
            for (WorkerRequests worker : asked.get(i).join()) {
                for (ExecutingRequest request : worker.requests()) {
                    all.add(new CurrentRequest(request, worker.pid(), pools.get(i).name()));
                }
                if (worker.failure() != null || worker.omitted() > 0) {
                    notes.add(ListRecord.of("WP", Long.toString(worker.pid()))
                            .add("applicationPool", pools.get(i).name())
                            .add("requestsOmitted", worker.failure() == null ? worker.omitted() : null)
                            .add("reason", worker.failure() == null ? null
                                    : "the worker did not answer: " + worker.failure()).build());
                }
            }
        }
        all.sort(Comparator.comparingLong((CurrentRequest r) -> r.request().elapsedMillis()).reversed());
        List<ListRecord> out = new ArrayList<>(all.size() + notes.size());
        for (CurrentRequest r : all) {
            out.add(r.record(siteName(r.request().siteId())));
        }
        out.addAll(notes);
        return out;
    }

    /** One executing request and where it runs. */
    private record CurrentRequest(ExecutingRequest request, long pid, String pool) {
        ListRecord record(String site) {
            // appcmd's fields and order: REQUEST "id" (url:GET /x, time:2840 msec, client:..., stage:..., module:...)
            return ListRecord.of("REQUEST", Long.toHexString(request.requestId()))
                    .add("site", site).add("applicationPool", pool).add("url", request.url())
                    .add("verb", request.verb()).add("time", request.elapsedMillis() + " msec")
                    .add("client", request.client()).add("wp", pid).add("stage", request.stage())
                    .add("module", request.module().isEmpty() ? null : request.module()).build();
        }
    }

    /** The pool of an in-process request's application (the host runs only in-process pools' requests itself). */
    private String poolOf(ExecutingRequest request) {
        for (SiteConfig site : config.sites()) {
            if (site.id() == request.siteId()) {
                for (SiteConfig.Application app : site.applications()) {
                    if (app.path().equalsIgnoreCase(request.applicationPath())) {
                        return app.applicationPool();
                    }
                }
            }
        }
        return "";
    }

    private String siteName(long siteId) {
        return config.sites().stream().filter(s -> s.id() == siteId).map(SiteConfig::name).findFirst()
                .orElse(Long.toString(siteId));
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
        return new Answer(false, "the new domain of \"" + target.name() + "\" failed to start: "
                + runtime.domainStatus().afterFailedStart() + "\nlog: " + HostLogLocation.describe());
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
                        + (o.message() == null ? "" : " (" + o.message() + ")") + logOf(pool, o))
                .collect(Collectors.joining("\n"));
        boolean ok = outcomes.stream().allMatch(o -> o.status() == RecycleCodec.Status.RESTARTED);
        return ok ? new Answer(true, "\"" + target.name() + "\" successfully recycled\n" + perWorker)
                : new Answer(false, "recycling \"" + target.name() + "\" failed in application pool '" + pool.name()
                + "'\n" + perWorker);
    }

    /** Where a worker that failed logged why (its stack trace: the pool's log); nothing for one that did not fail. */
    private static String logOf(ApplicationPool pool, ApplicationRecycle outcome) {
        Path log = outcome.status() == RecycleCodec.Status.FAILED ? pool.workerLog(outcome.pid()) : null;
        return log == null ? "" : "\n  log: " + log + " (the worker's lines start with [" + outcome.pid() + "])";
    }

    private SiteConfig findSite(String name) {
        return config.sites().stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst().orElse(null);
    }
}
