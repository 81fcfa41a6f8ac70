package io.lido.server;

import io.lido.config.ConfigLoader;
import io.lido.config.ServerConfig;
import io.lido.config.SiteConfig;
import io.lido.listener.HttpListener;
import io.lido.modules.BuiltinModules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One running Lido: the configuration, an application runtime per application, the listener and the
 * logs. {@link #start} brings it up in that order; {@link #stop} takes it down gracefully in reverse.
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
    private final ServerLogs logs;
    private final HttpListener listener;
    private final Clock clock;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private LidoServer(ServerConfig config, ApplicationHosts applications, ServerLogs logs,
                       HttpListener listener, Clock clock) {
        this.config = config;
        this.applications = applications;
        this.logs = logs;
        this.listener = listener;
        this.clock = clock;
    }

    /**
     * Loads the configuration, validates every application's root web.config, starts every application
     * and then the listener. Whatever was started is stopped again when a later step fails.
     *
     * @throws io.lido.config.ConfigException when a configuration file is invalid (its message names
     *                                        file, line, element and attribute)
     * @throws RuntimeException               when an application or the listener cannot start (for
     *                                        example a port in use)
     */
    public static LidoServer start(Path applicationHostConfig) {
        return start(applicationHostConfig, Clock.systemUTC());
    }

    static LidoServer start(Path applicationHostConfig, Clock clock) {
        ServerConfig config = ConfigLoader.load(applicationHostConfig);
        validateApplicationConfigs(config);
        ApplicationHosts applications = ApplicationHosts.start(config, new BuiltinModules(), DEFAULT_DRAIN_TIMEOUT);
        ServerLogs logs = null;
        HttpListener listener = null;
        try {
            logs = ServerLogs.open(config, clock);
            listener = new HttpListener(config, applications, logs.accessLog(), logs.errorLog());
            listener.start();
        } catch (RuntimeException e) {
            closeAfterFailedStart(listener, applications, logs, e, clock);
            throw e;
        }
        LidoServer server = new LidoServer(config, applications, logs, listener, clock);
        server.announce();
        return server;
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
                                              ServerLogs logs, RuntimeException failure, Clock clock) {
        if (listener != null) {
            runRecordingFailure(listener::close, failure);
        }
        runRecordingFailure(() -> applications.shutdown(Duration.ofSeconds(5), clock), failure);
        if (logs != null) {
            runRecordingFailure(logs::close, failure);
        }
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
            boolean first = true;
            for (SiteConfig.Binding binding : site.bindings()) {
                if (!binding.protocol().equalsIgnoreCase("http")) {
                    LOG.warn("Site '{}' binding {} {}:{}:{} is not served: Lido speaks plain http only for now",
                            site.name(), binding.protocol(), binding.ip(), binding.port(), binding.host());
                    continue;
                }
                // The listener knows the real port of a site's first http binding (port 0 in tests).
                int port = first ? listener.port(site.name()) : binding.port();
                first = false;
                LOG.info("Lido listening on http://{}:{}/ ({})", displayHost(binding), port, site.name());
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

    /** Requests executing in the applications now. */
    public int inFlight() {
        return applications.inFlight();
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
            LOG.info("Lido stopping: no new connections; waiting up to {} ms for requests in flight",
                    drainTimeout.toMillis());
            listener.stopAccepting();
            if (!listener.awaitIdle(drainTimeout)) {
                LOG.warn("{} requests still in flight after {} ms; closing their connections",
                        listener.inFlight(), drainTimeout.toMillis());
            }
            Duration left = Duration.between(clock.instant(), deadline);
            applications.shutdown(left.isNegative() ? Duration.ZERO : left, clock);
        } finally {
            try {
                listener.close();
            } finally {
                try {
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
