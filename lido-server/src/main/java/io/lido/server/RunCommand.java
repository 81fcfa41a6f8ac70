package io.lido.server;

import io.lido.activation.TrustedFolder;
import io.lido.config.ConfigException;
import io.lido.listener.ListenerStartException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code lido run [--config FILE] [--drain-timeout SECONDS]}: starts a {@link LidoServer} and serves until
 * SIGINT or SIGTERM, then stops gracefully and exits with status 0.
 *
 * <p>Exit status: 2 when the configuration is invalid (the message, naming file and line, goes to
 * stderr without a stack trace), 1 when the server cannot start for another reason (a port in use, an
 * application whose start hook fails).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Starts Lido with a configuration and serves until SIGINT/SIGTERM.")
final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    static final int CONFIG_ERROR = 2;
    static final int START_FAILED = 1;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The applicationHost.config to run (default: $LIDO_CONFIG, else conf/applicationHost.config of"
                    + " the distribution).")
    private Path config;

    @Option(names = "--drain-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "On SIGINT/SIGTERM, how long requests in flight may take to finish (default: ${DEFAULT-VALUE}).")
    private long drainSeconds;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (drainSeconds < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--drain-timeout must be 0 or more seconds, not " + drainSeconds);
        }
        HostAotCache aotCache = HostAotCache.fromSystemProperties();
        aotCache.logAtStart();
        Path file = configFile();
        if (!Files.isRegularFile(file)) {
            return fail(err, CONFIG_ERROR, "configuration file not found: " + file.toAbsolutePath());
        }
        LidoServer server;
        try {
            LidoHome.find().ifPresent(LidoHome::prepareWork);
            server = LidoServer.start(file);
        } catch (ConfigException e) {
            return fail(err, CONFIG_ERROR, "invalid configuration: " + e.getMessage());
        } catch (ListenerStartException e) {
            // A taken port or a foreign address: the message says which binding; a stack trace adds nothing.
            return fail(err, START_FAILED, "could not start: " + e.getMessage());
        } catch (TrustedFolder.UntrustedFolderException e) {
            // The message names the folder and its owner: what the operator must fix.
            return fail(err, START_FAILED, "could not start: " + e.getMessage());
        } catch (RuntimeException e) {
            // An application's start hook failed, or a bug: the stack trace is what its author needs.
            LOG.error("Lido could not start", e);
            return fail(err, START_FAILED, "could not start: " + e.getMessage());
        }
        SystemdNotify systemd = SystemdNotify.fromEnvironment();
        ShutdownOnSignal.install(server, Duration.ofSeconds(drainSeconds), systemd::stopping, aotCache::beforeExit);
        aotCache.serving();
        systemd.ready();
        server.awaitStopped();
        return 0;
    }

    private static int fail(PrintWriter err, int status, String message) {
        err.println("lido: " + message);
        err.flush();
        return status;
    }

    private Path configFile() {
        return ConfigLocation.resolve(config, spec.commandLine());
    }
}
