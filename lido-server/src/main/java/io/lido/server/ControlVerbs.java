package io.lido.server;

import io.lido.activation.ControlClient;
import io.lido.activation.TrustedFolder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * appcmd-style verbs that act on a running Lido through its control channel:
 * {@code lido recycle apppool NAME}, {@code lido start apppool NAME}, {@code lido stop apppool NAME},
 * {@code lido recycle app SITE/PATH}, {@code lido list wp|apppool|app|request} (text, {@code --json} or
 * {@code --xml}). The host is found by its configuration file
 * ({@code --config}, default the distribution's). Exit status: 0 done, 1 refused or Lido not running.
 */
final class ControlVerbs {
    private ControlVerbs() {
    }

    /** What every verb shares: the configuration option and sending one line. */
    abstract static class Verb implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--config", paramLabel = "FILE",
                description = "The applicationHost.config the running Lido was started with"
                        + " (default: $LIDO_CONFIG, else conf/applicationHost.config of the distribution).")
        Path config;

        /** The command line sent to the host. */
        abstract String commandLine();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                ControlClient.Answer answer = ControlClient.send(configFile(), commandLine());
                (answer.ok() ? out : err).print(answer.ok() ? answer.text() : "lido: " + answer.text());
                out.flush();
                err.flush();
                return answer.ok() ? 0 : 1;
            } catch (UncheckedIOException | TrustedFolder.UntrustedFolderException e) {
                // No host, or a socket folder that is not Lido's user's (another user runs Lido here).
                err.println("lido: " + e.getMessage());
                err.flush();
                return 1;
            }
        }

        private Path configFile() {
            return ConfigLocation.resolve(config, spec.commandLine());
        }
    }

    /** A verb on one application pool: {@code lido VERB apppool NAME}. */
    abstract static class PoolVerb extends Verb {
        @Parameters(index = "0", paramLabel = "apppool") String object;
        @Parameters(index = "1", paramLabel = "NAME") String name;

        /** recycle, start or stop. */
        abstract String verb();

        @Override
        String commandLine() {
            if (!object.equalsIgnoreCase("apppool")) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "'" + verb() + "' acts on an application pool: lido " + verb() + " apppool NAME");
            }
            return verb() + " apppool " + name;
        }
    }

    /** {@code lido recycle apppool NAME} and {@code lido recycle app SITE/PATH}. */
    @Command(name = "recycle", mixinStandardHelpOptions = true,
            description = {"recycle apppool NAME: recycles the worker processes of an application pool (overlapped"
                    + " unless disallowed).",
                    "recycle app SITE/PATH: restarts one application's domain, e.g. \"Default Web Site/app\""
                            + " (\"Default Web Site/\" for the root application); in-flight requests finish in the old"
                            + " domain."})
    static final class Recycle extends PoolVerb {
        @Override
        String verb() {
            return "recycle";
        }

        @Override
        String commandLine() {
            if (object.equalsIgnoreCase("app")) {
                return "recycle app " + name;
            }
            if (!object.equalsIgnoreCase("apppool")) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "lido recycle apppool NAME | lido recycle app SITE/PATH");
            }
            return super.commandLine();
        }
    }

    /** {@code lido start apppool NAME}. */
    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Starts a stopped application pool (also one stopped by rapid-fail protection).")
    static final class Start extends PoolVerb {
        @Override
        String verb() {
            return "start";
        }
    }

    /** {@code lido stop apppool NAME}. */
    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stops an application pool: its workers drain and its requests get 503.")
    static final class Stop extends PoolVerb {
        @Override
        String verb() {
            return "stop";
        }
    }

    /**
     * {@code lido list wp|apppool|app|request [--elapsed MS | /elapsed:MS] [--json | --xml | /xml]}: the objects
     * in appcmd's text, as JSON, or as appcmd's XML.
     */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"Lists the worker processes (wp), the application pools with their hosting model (apppool),"
                    + " the applications with their pools and domains: the generation that serves, the last start and"
                    + " its error (app), or the requests executing now with their site, URL, verb, client, elapsed"
                    + " time, worker process, pipeline stage and module (request).",
                    "appcmd's spellings work too: lido list request /elapsed:1000 /xml"})
    static final class List extends Verb {
        private static final java.util.List<String> OBJECTS = java.util.List.of("wp", "apppool", "app", "request");

        @Parameters(index = "0", paramLabel = "wp|apppool|app|request") String object;

        @Parameters(index = "1..*", paramLabel = "/elapsed:MS|/xml", arity = "0..*",
                description = "appcmd's options: /elapsed:MS (requests only), /xml") java.util.List<String> appcmd;

        @Option(names = "--json", description = "JSON output: an array of objects, for scripts.") boolean json;

        @Option(names = "--xml", description = "appcmd's XML output (as /xml).") boolean xml;

        @Option(names = "--elapsed", paramLabel = "MS",
                description = "list request: only requests executing for at least MS milliseconds.") Long elapsed;

        @Override
        String commandLine() {
            String kind = object.toLowerCase(java.util.Locale.ROOT);
            if (kind.equals("requests")) {
                kind = "request"; // appcmd's plural
            }
            if (!OBJECTS.contains(kind)) {
                throw usage("lido list wp | apppool | app | request");
            }
            Long minElapsed = elapsed;
            boolean asXml = xml;
            for (String option : appcmd == null ? java.util.List.<String>of() : appcmd) {
                String lower = option.toLowerCase(java.util.Locale.ROOT);
                if (lower.equals("/xml")) {
                    asXml = true;
                } else if (lower.startsWith("/elapsed:")) {
                    try {
                        minElapsed = Long.parseLong(option.substring("/elapsed:".length()));
                    } catch (NumberFormatException e) {
                        throw usage("/elapsed: takes milliseconds, not '" + option.substring(9) + "'");
                    }
                } else {
                    throw usage("unknown option '" + option + "' (/elapsed:MS, /xml, --json, --xml, --elapsed MS)");
                }
            }
            if (json && asXml) {
                throw usage("--json and --xml (/xml) exclude each other");
            }
            if (minElapsed != null && minElapsed < 0) {
                throw usage("the elapsed time must be 0 or more milliseconds, not " + minElapsed);
            }
            if (minElapsed != null && !kind.equals("request")) {
                throw usage("--elapsed (/elapsed:MS) filters only lido list request");
            }
            StringBuilder line = new StringBuilder("list ").append(kind);
            if (minElapsed != null) {
                line.append(" elapsed=").append(minElapsed);
            }
            if (json || asXml) {
                line.append(" format=").append(json ? "json" : "xml");
            }
            return line.toString();
        }

        private CommandLine.ParameterException usage(String message) {
            return new CommandLine.ParameterException(spec.commandLine(), message);
        }
    }
}
