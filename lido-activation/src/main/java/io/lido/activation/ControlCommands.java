package io.lido.activation;

import io.lido.config.ApplicationPoolConfig;
import io.lido.config.HostingModel;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The verbs of the control channel, appcmd-style: {@code recycle apppool NAME}, {@code start apppool
 * NAME}, {@code stop apppool NAME}, {@code list apppool}, {@code list wp}. An answer's first line is
 * {@code OK} or {@code ERROR <why>}; the lines after it are for the operator.
 */
final class ControlCommands {
    private final ActivationService service;
    /** The server's application verbs; null on a channel that hosts no applications. */
    private final ApplicationVerbs applications;

    ControlCommands(ActivationService service, ApplicationVerbs applications) {
        this.service = service;
        this.applications = applications;
    }

    String execute(String line) {
        String[] words = line.trim().split("\\s+", 3);
        String verb = words[0].toLowerCase(Locale.ROOT);
        String object = words.length > 1 ? words[1].toLowerCase(Locale.ROOT) : "";
        String name = words.length > 2 ? words[2].trim() : "";
        return switch (verb + " " + object) {
            case "recycle apppool" -> awaitOnPool(name, ApplicationPool::recycle);
            case "start apppool" -> awaitOnPool(name, ApplicationPool::start);
            case "stop apppool" -> onPool(name, "stopped", ApplicationPool::stop);
            case "list apppool" -> listPools();
            case "list wp" -> listWorkers();
            case "recycle app" -> name.isEmpty() ? "ERROR missing application: recycle app SITE/PATH\n"
                    : onApplications(verbs -> verbs.recycle(name));
            case "list app" -> onApplications(ApplicationVerbs::list);
            default -> "ERROR unknown command '" + line.trim() + "' (try: recycle|start|stop apppool NAME, list apppool,"
                    + " list wp, recycle app SITE/PATH, list app)\n";
        };
    }

    private String onPool(String name, String done, java.util.function.Consumer<ApplicationPool> action) {
        if (name.isEmpty()) {
            return "ERROR missing application pool name\n";
        }
        return service.pool(name).map(pool -> {
            action.accept(pool);
            return "OK\n\"" + pool.name() + "\" successfully " + done + "\n";
        }).orElseGet(() -> noWorkerPool(name));
    }

    /** The answer for a name that no outOfProcess pool has: an inProcess pool's, or none's. */
    private String noWorkerPool(String name) {
        return inProcess(name)
                .map(pool -> "ERROR application pool '" + pool.name() + "' is inProcess: its applications run in"
                        + " Lido's own process, which it cannot be started, stopped or recycled apart from (lido"
                        + " recycle app SITE/PATH restarts one of its applications)\n")
                .orElse("ERROR no application pool is named '" + name + "'\n");
    }

    private java.util.Optional<ApplicationPoolConfig> inProcess(String name) {
        return service.configuredPools().stream()
                .filter(p -> p.hostingModel() == HostingModel.IN_PROCESS && p.name().equalsIgnoreCase(name))
                .findFirst();
    }

    /**
     * A verb that starts workers answers once they are READY, or with the reason one failed to start: never
     * "successfully" for a start that failed.
     */
    private String awaitOnPool(String name, Function<ApplicationPool, CompletableFuture<PendingStarts.Outcome>> action) {
        if (name.isEmpty()) {
            return "ERROR missing application pool name\n";
        }
        return service.pool(name).map(pool -> {
            ApplicationPoolConfig.ProcessModel model = pool.config().processModel();
            // A non-overlapped recycle drains first, then starts: both limits, and some slack for a loaded machine.
            Duration limit = model.shutdownTimeLimit().plus(model.startupTimeLimit()).plus(Duration.ofSeconds(30));
            PendingStarts.Outcome outcome;
            try {
                outcome = action.apply(pool).get(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                outcome = PendingStarts.Outcome.failure("application pool '" + pool.name() + "' did not finish within "
                        + limit.toSeconds() + " s");
            } catch (ExecutionException e) {
                outcome = PendingStarts.Outcome.failure(e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcome = PendingStarts.Outcome.failure("interrupted");
            }
            return outcome.succeeded() ? "OK\n" + outcome.message() + "\n" : "ERROR " + outcome.message() + "\n";
        }).orElseGet(() -> noWorkerPool(name));
    }

    private String onApplications(java.util.function.Function<ApplicationVerbs, ControlClient.Answer> verb) {
        if (applications == null) {
            return "ERROR this control channel has no application verbs\n";
        }
        ControlClient.Answer answer = verb.apply(applications);
        String text = answer.text().endsWith("\n") ? answer.text() : answer.text() + "\n";
        return answer.ok() ? "OK\n" + text : "ERROR " + text;
    }

    /** Every pool of the configuration, in its order; an inProcess pool runs as long as Lido does. */
    private String listPools() {
        StringJoiner out = new StringJoiner("\n", "OK\n", "\n");
        for (ApplicationPoolConfig config : service.configuredPools()) {
            ApplicationPool pool = config.hostingModel() == HostingModel.OUT_OF_PROCESS
                    ? service.pool(config.name()).orElse(null) : null;
            String state = pool == null || pool.state() == PoolState.STARTED ? "Started" : "Stopped";
            String model = config.hostingModel() == HostingModel.OUT_OF_PROCESS ? "outOfProcess" : "inProcess";
            out.add("APPPOOL \"" + config.name() + "\" (state:" + state + ", hostingModel:" + model + ")");
        }
        return out.toString();
    }

    private String listWorkers() {
        List<WorkerInfo> workers = service.workers();
        StringJoiner out = new StringJoiner("\n", "OK\n", "\n");
        for (WorkerInfo w : workers) {
            out.add("WP \"" + w.pid() + "\" (applicationPool:" + w.pool() + ", state:" + w.state() + ", uptime:"
                    + w.uptime().toSeconds() + "s, requests:" + w.requests() + ", inFlight:" + w.inFlight()
                    + (w.recycleReason() == null ? "" : ", recycleReason:" + w.recycleReason()) + ")");
        }
        return out.toString();
    }
}
