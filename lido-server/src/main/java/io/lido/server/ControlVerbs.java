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
 * {@code lido recycle app SITE/PATH}, {@code lido list wp}, {@code lido list apppool}, {@code lido list app}. The host is found by its configuration file
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
                        + " (default: conf/applicationHost.config of the distribution).")
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
            if (config != null) {
                return config;
            }
            return LidoHome.find().map(LidoHome::defaultConfig).orElseThrow(() -> new CommandLine.ParameterException(
                    spec.commandLine(), "cannot tell where Lido is installed: pass --config FILE"));
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

    /** {@code lido list wp}, {@code lido list apppool} and {@code lido list app}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the worker processes (wp), the application pools with their hosting model (apppool)"
                    + " or the applications with their pools and domains: the generation that serves, the last start"
                    + " and its error (app).")
    static final class List extends Verb {
        @Parameters(index = "0", paramLabel = "wp|apppool|app") String object;

        @Override
        String commandLine() {
            if (!java.util.List.of("wp", "apppool", "app").contains(object.toLowerCase(java.util.Locale.ROOT))) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "lido list wp | lido list apppool | lido list app");
            }
            return "list " + object;
        }
    }
}
