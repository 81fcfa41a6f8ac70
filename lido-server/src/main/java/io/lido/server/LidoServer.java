package io.lido.server;

import io.lido.activation.ActivationService;
import io.lido.activation.ControlServer;
import io.lido.config.ConfigLoader;
import io.lido.config.ServerConfig;
import io.lido.config.SiteConfig;
import io.lido.config.TimeSpans;
import io.lido.ipc.state.StateServer;
import io.lido.listener.HttpListener;
import io.lido.listener.ListenerOptions;
import io.lido.modules.BuiltinModules;
import io.lido.runtime.stateserver.StateServerSessionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One running Lido: the configuration, the logs, the listener's sockets, the activation service (worker
 * processes of the outOfProcess pools), an application runtime per in-process application, then the listener
 * accepting connections and the control channel. {@link #start} brings it up in that order (the sockets are
 * bound before any application code runs, as HTTP.sys's URL reservations come before any worker);
 * {@link #stop} takes it down gracefully.
 * Tests run it in-process; {@link Main} runs it for the {@code lido run} command.
 *
 * <p>Thread-safe: {@link #stop} may be called from any thread (a shutdown hook, a test), more than once.
 */
public final class LidoServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LidoServer.class);

    /** How long {@link #close()} lets requests in flight finish. */
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);

    private final ServerConfig config;
    private final ApplicationHosts applications;
    private final ActivationService activation;
    private final ControlServer control;
    /** The metrics endpoint; null when managementService is not enabled. */
    private final ManagementService management;
    private final ServerLogs logs;
    private final HttpListener listener;
    private final StateServer stateServer;
    private final Clock clock;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private LidoServer(ServerConfig config, ApplicationHosts applications, ActivationService activation,
                       ControlServer control, ManagementService management, ServerLogs logs, HttpListener listener,
                       StateServer stateServer, Clock clock) {
        this.management = management;
        this.stateServer = stateServer;
        this.config = config;
        this.applications = applications;
        this.activation = activation;
        this.control = control;
        this.logs = logs;
        this.listener = listener;
        this.clock = clock;
    }

    /**
     * Loads the configuration, validates every application's root web.config, binds every site's sockets,
     * starts every application and then accepts connections. Whatever was started is stopped again when a
     * later step fails; a binding that cannot be bound fails before any application has started.
     *
     * @throws io.lido.config.ConfigException when a configuration file is invalid (its message names
     *                                        file, line, element and attribute)
     * @throws RuntimeException               when the listener cannot start (for example a port in use);
     *                                        an application that fails to start answers 503 instead
     */
    public static LidoServer start(Path applicationHostConfig) {
        return start(applicationHostConfig, Clock.systemUTC());
    }

    static LidoServer start(Path applicationHostConfig, Clock clock) {
        ServerConfig config = ConfigLoader.load(applicationHostConfig);
        validateApplicationConfigs(config);
        ManagementService.validate(config);
        SelfSignedFolders.secure(config);
        ServerLogs logs = ServerLogs.open(config, clock);
        // One session store for the whole host: every worker and the in-process applications share it.
        StateServer stateServer = StateServer.start();
        ActivationService activation = null;
        ApplicationHosts applications = new ApplicationHosts();
        HttpListener listener = null;
        ControlServer control = null;
        ManagementService management = null;
        try {
            listener = new HttpListener(config, applications, logs.accessLog(), logs.errorLog(),
                    ListenerOptions.from(config));
            listener.bind();
            activation = ActivationService.start(config, ServerLogs.httpErrParent(config),
                    new PoolErrorRecorder(logs.errorLog(), clock), stateServer, new HttpAotTrainingLoad());
            applications.start(config, new BuiltinModules(), DEFAULT_DRAIN_TIMEOUT, activation,
                    StateServerSessionStore.connector(stateServer.client("in-process applications")));
            // Only now: a request that came sooner would find no application to route to.
            listener.accept();
            management = ManagementService.startIfEnabled(config, workFolder(config),
                    new LidoMetrics(activation, applications::inFlight));
            control = ControlServer.listen(config.file(), activation,
                    new ApplicationControl(config, applications, activation));
        } catch (RuntimeException e) {
            if (management != null) {
                management.close();
            }
            closeAfterFailedStart(listener, applications, activation, logs, e, clock);
            stateServer.close();
            throw e;
        }
        LidoServer server = new LidoServer(config, applications, activation, control, management, logs, listener,
                stateServer, clock);
        server.announce();
        return server;
    }

    /** The distribution's work/ (the management token's folder), or one beside the configuration without a home. */
    private static Path workFolder(ServerConfig config) {
        Path work = LidoHome.find().map(home -> home.resolve("work"))
                .orElseGet(() -> config.file().toAbsolutePath().getParent().resolve("work"));
        return io.lido.activation.TrustedFolder.ensure(work, io.lido.activation.TrustedFolder.TRAVERSE);
    }

    /** The port of the management service, or -1 when it is not enabled. */
    public int managementPort() {
        return management == null ? -1 : management.port();
    }

    /**
     * Reads every application's root web.config now, so that an invalid one stops start-up with its
     * message instead of failing the first request.
     */
    private static void validateApplicationConfigs(ServerConfig config) {
        for (SiteConfig site : config.sites()) {
            for (SiteConfig.Application app : site.applications()) {
                config.webConfig(site, app.path());
            }
        }
    }

    /** Undoes a partial start: each step runs even when an earlier one fails. */
    private static void closeAfterFailedStart(HttpListener listener, ApplicationHosts applications,
                                              ActivationService activation, ServerLogs logs,
                                              RuntimeException failure, Clock clock) {
        if (listener != null) {
            runRecordingFailure(listener::close, failure);
        }
        if (applications != null) {
            runRecordingFailure(() -> applications.shutdown(Duration.ofSeconds(5), clock), failure);
        }
        if (activation != null) {
            runRecordingFailure(() -> activation.shutdown(Duration.ofSeconds(5)), failure);
        }
        runRecordingFailure(logs::close, failure);
    }

    private static void runRecordingFailure(Runnable step, RuntimeException failure) {
        try {
            step.run();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private void announce() {
        for (SiteConfig site : config.sites()) {
            if (!site.serverAutoStart()) {
                continue;
            }
            for (SiteConfig.Binding binding : site.bindings()) {
                // The listener knows the real port of each binding (port 0 in tests).
                LOG.info("Lido listening on {}://{}:{}/ ({})", binding.secure() ? "https" : "http",
                        displayHost(binding), listener.port(binding), site.name());
            }
        }
    }

    private static String displayHost(SiteConfig.Binding binding) {
        if (!binding.host().isEmpty()) {
            return binding.host();
        }
        if (binding.ip().equals("*")) {
            return "localhost";
        }
        return binding.ip().contains(":") ? "[" + binding.ip() + "]" : binding.ip();
    }

    /** The loaded configuration. */
    public ServerConfig config() {
        return config;
    }

    /** The port the site's first binding listens on (the real one when the binding asked for port 0). */
    public int port(String siteName) {
        return listener.port(siteName);
    }

    /** Requests executing in the in-process applications now. */
    public int inFlight() {
        return applications.inFlight();
    }

    /** The host's session store (StateServer mode), shared by the workers and the in-process applications. */
    public StateServer stateServer() {
        return stateServer;
    }

    /** The activation service: the worker processes of the outOfProcess pools. */
    public ActivationService activation() {
        return activation;
    }

    /**
     * Stops gracefully: stops accepting connections, lets requests in flight finish for up to
     * {@code drainTimeout}, shuts the applications down (their end hooks run), then closes every
     * connection and the logs. Later calls return at once.
     */
    public void stop(Duration drainTimeout) {
        if (!stopping.compareAndSet(false, true)) {
            awaitStopped();
            return;
        }
        Instant deadline = clock.instant().plus(drainTimeout);
        try {
            LOG.info("Lido stopping: no new connections; waiting up to {} for requests in flight",
                    TimeSpans.format(drainTimeout));
            if (management != null) {
                management.close();
            }
            listener.stopAccepting();
            if (!listener.awaitIdle(drainTimeout)) {
                LOG.warn("{} requests still in flight after {}; closing their connections",
                        listener.inFlight(), TimeSpans.format(drainTimeout));
            }
            Duration left = Duration.between(clock.instant(), deadline);
            try {
                applications.shutdown(left.isNegative() ? Duration.ZERO : left, clock);
            } finally {
                control.close();
                // Workers get at least a moment to drain even when the in-process applications used the time.
                Duration rest = Duration.between(clock.instant(), deadline);
                activation.shutdown(rest.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : rest);
            }
        } finally {
            try {
                listener.close();
            } finally {
                try {
                    stateServer.close();
                    logs.close();
                } finally {
                    stopped.countDown();
                    LOG.info("Lido stopped");
                }
            }
        }
    }

    /** Blocks until {@link #stop} has finished. */
    public void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Lido to stop", e);
        }
    }

    /** {@link #stop} with {@link #DEFAULT_DRAIN_TIMEOUT}. */
    @Override
    public void close() {
        stop(DEFAULT_DRAIN_TIMEOUT);
    }
}
