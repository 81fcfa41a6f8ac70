package io.lido.activation;

import io.lido.config.ApplicationPoolConfig;
import io.lido.config.HostingModel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
        if (verb.equals("list")) {
            return list(object, name);
        }
        return switch (verb + " " + object) {
            case "recycle apppool" -> awaitOnPool(name, ApplicationPool::recycle);
            case "start apppool" -> awaitOnPool(name, ApplicationPool::start);
            case "stop apppool" -> onPool(name, "stopped", ApplicationPool::stop);
            case "recycle app" -> name.isEmpty() ? "ERROR missing application: recycle app SITE/PATH\n"
                    : onApplications(verbs -> verbs.recycle(name));
            default -> unknown(line);
        };
    }

    private static String unknown(String line) {
        return "ERROR unknown command '" + line.trim() + "' (try: recycle|start|stop apppool NAME, list apppool,"
                + " list wp, list app, list request [elapsed=MS] [format=text|json|xml], recycle app SITE/PATH)\n";
    }

    /**
     * {@code list OBJECT [elapsed=MS] [format=text|json|xml]}: the records of one object type in the format asked
     * for ({@link ListFormat}).
     */
    private String list(String object, String options) {
        ListFormat format = ListFormat.TEXT;
        long minElapsed = 0;
        for (String option : options.isEmpty() ? new String[0] : options.split("\\s+")) {
            int equals = option.indexOf('=');
            String key = equals < 0 ? option : option.substring(0, equals).toLowerCase(Locale.ROOT);
            String value = equals < 0 ? "" : option.substring(equals + 1);
            try {
                switch (key) {
                    case "format" -> format = ListFormat.parse(value);
                    case "elapsed" -> minElapsed = Long.parseLong(value);
                    default -> {
                        return "ERROR unknown option '" + option + "' of list (elapsed=MS, format=text|json|xml)\n";
                    }
                }
            } catch (IllegalArgumentException e) {
                return "ERROR " + (key.equals("elapsed") ? "elapsed must be a number of milliseconds, not '" + value
                        + "'" : e.getMessage()) + "\n";
            }
        }
        if (minElapsed < 0) {
            return "ERROR elapsed must be 0 or more milliseconds, not " + minElapsed + "\n";
        }
        if (minElapsed > 0 && !object.equals("request")) {
            return "ERROR elapsed=MS filters only list request\n";
        }
        List<ListRecord> records;
        switch (object) {
            case "apppool" -> records = pools();
            case "wp" -> records = workers();
            case "app", "request" -> {
                if (applications == null) {
                    return "ERROR this control channel has no application verbs\n";
                }
                long min = minElapsed;
                records = object.equals("app") ? applications.list() : applications.requests(min);
            }
            default -> {
                return "ERROR unknown object '" + object + "' of list (apppool, wp, app, request)\n";
            }
        }
        return "OK\n" + format.render(records);
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
    private List<ListRecord> pools() {
        List<ListRecord> records = new ArrayList<>();
        for (ApplicationPoolConfig config : service.configuredPools()) {
            ApplicationPool pool = config.hostingModel() == HostingModel.OUT_OF_PROCESS
                    ? service.pool(config.name()).orElse(null) : null;
            String state = pool == null || pool.state() == PoolState.STARTED ? "Started" : "Stopped";
            String model = config.hostingModel() == HostingModel.OUT_OF_PROCESS ? "outOfProcess" : "inProcess";
            records.add(ListRecord.of("APPPOOL", config.name()).add("state", state).add("hostingModel", model).build());
        }
        return records;
    }

    private List<ListRecord> workers() {
        List<ListRecord> records = new ArrayList<>();
        for (WorkerInfo w : service.workers()) {
            records.add(ListRecord.of("WP", Long.toString(w.pid())).add("applicationPool", w.pool())
                    .add("state", w.state()).add("uptime", w.uptime().toSeconds() + "s").add("requests", w.requests())
                    .add("inFlight", w.inFlight()).add("recycleReason", w.recycleReason()).build());
        }
        return records;
    }
}
