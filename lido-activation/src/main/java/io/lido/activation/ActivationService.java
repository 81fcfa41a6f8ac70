package io.lido.activation;

import io.lido.config.ApplicationPoolConfig;
import io.lido.config.ConfigLoader;
import io.lido.config.HostingModel;
import io.lido.config.ServerConfig;
import io.lido.ipc.state.StateServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * WAS for Lido: one {@link ApplicationPool} per {@code outOfProcess} pool of the configuration, the
 * timer that ticks them, and the administrative verbs (start, stop, recycle, list) that the control
 * channel exposes. In-process pools are not its business.
 *
 * <p>Thread-safe. Created by the host at start-up ({@link #start(ServerConfig, Path, PoolErrorLog)}),
 * shut down after the listener has stopped taking requests.
 */
public final class ActivationService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ActivationService.class);
    /** How often pool timers are evaluated: finer than any sensible ping or startup setting. */
    static final Duration TICK = Duration.ofMillis(100);
    /** How often applicationHost.config is checked for changes. */
    static final Duration CONFIG_CHECK = Duration.ofSeconds(1);
    /**
     * {@code 0} or {@code false}: on-demand pools train their JDK AOT cache with their first request instead of
     * ahead of it (see {@link AotPretraining}); for tests that count the workers a request starts.
     */
    public static final String PRETRAIN_ENVIRONMENT = "LIDO_AOT_PRETRAIN";

    private final WorkerLauncher launcher;
    private final Clock clock;
    private final Executor threads;
    private final PoolErrorLog errorLog;
    private final Map<String, ApplicationPool> pools = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final Path runDirectory;
    private final AotPretraining pretraining;
    /** Every pool of the configuration in effect, in file order, for {@code lido list apppool}. */
    private volatile List<ApplicationPoolConfig> configured = List.of();
    /** The host's session store, told which applications each pool hosts; null when the host keeps none. */
    private volatile StateServer stateServer;

    /**
     * @param runDirectory the folder of the workers' sockets, removed at shutdown (null: none to remove)
     */
    public ActivationService(WorkerLauncher launcher, Clock clock, Executor threads, PoolErrorLog errorLog,
                             Path runDirectory) {
        this.launcher = launcher;
        this.clock = clock;
        this.threads = threads;
        this.errorLog = errorLog;
        this.runDirectory = runDirectory;
        this.pretraining = new AotPretraining(launcher, threads);
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("lido-was-timer")
                .factory());
    }

    /**
     * The real service: worker JVMs started from this JVM's java and class path, sockets in
     * {@code <run folder>/<pid>} ({@link RunFolder}), worker logs under {@code logRoot/AppPools}. Starts every
     * auto-started pool ({@code AlwaysRunning} ones start their workers now).
     */
    public static ActivationService start(ServerConfig config, Path logRoot, PoolErrorLog errorLog) {
        return start(config, logRoot, errorLog, null);
    }

    /**
     * {@link #start(ServerConfig, Path, PoolErrorLog)} for a host that keeps sessions: every worker of every pool
     * uses {@code stateServer} (null: none) for StateServer session state.
     */
    public static ActivationService start(ServerConfig config, Path logRoot, PoolErrorLog errorLog,
                                          StateServer stateServer) {
        return start(config, logRoot, errorLog, stateServer, null);
    }

    /**
     * {@link #start(ServerConfig, Path, PoolErrorLog, StateServer)} whose AOT training workers serve their pool's
     * {@code jvmAotTrainingUrl} load through {@code trainingLoad} (null: none) before they exit.
     */
    public static ActivationService start(ServerConfig config, Path logRoot, PoolErrorLog errorLog,
                                          StateServer stateServer, AotTrainingLoad trainingLoad) {
        Path run = RunFolder.workerSockets();
        ActivationService service = new ActivationService(
                new ProcessWorkerLauncher(run, logRoot).stateServer(stateServer),
                Clock.systemUTC(), Executors.newVirtualThreadPerTaskExecutor(), errorLog, run);
        service.stateServer = stateServer;
        service.pretraining.trainWith(trainingLoad);
        String pretrain = System.getenv(PRETRAIN_ENVIRONMENT);
        if ("0".equals(pretrain) || "false".equalsIgnoreCase(pretrain)) {
            LOG.info("{}={}: on-demand pools train their workers' AOT cache with their first request",
                    PRETRAIN_ENVIRONMENT, pretrain);
            service.pretraining.close();
        }
        service.start(config);
        service.watch(new ConfigWatcher(config.file(), ConfigLoader::load, service::reconfigure));
        return service;
    }

    /** Checks the configuration file for changes every {@link #CONFIG_CHECK}. */
    void watch(ConfigWatcher watcher) {
        long every = CONFIG_CHECK.toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                watcher.check();
            } catch (RuntimeException e) {
                // A scheduled task that throws is never run again: report and keep watching.
                LOG.error("Checking the configuration file for changes failed", e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Creates and starts the pools of a configuration and the timer.
     *
     * @throws RuntimeException when a pool's folders cannot be made safely (then no pool starts)
     */
    public void start(ServerConfig config) {
        launcher.configure(config);
        scopeSessions(config);
        configured = List.copyOf(config.applicationPools());
        for (ApplicationPoolConfig pool : config.applicationPools()) {
            if (pool.hostingModel() == HostingModel.OUT_OF_PROCESS) {
                launcher.prepare(pool);
            }
        }
        for (ApplicationPoolConfig pool : config.applicationPools()) {
            if (pool.hostingModel() == HostingModel.OUT_OF_PROCESS) {
                add(pool);
            }
        }
        long tick = TICK.toMillis();
        timer.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    private void add(ApplicationPoolConfig config) {
        ApplicationPool pool = new ApplicationPool(config, launcher, clock, threads, errorLog);
        pools.put(key(config.name()), pool);
        if (config.autoStart()) {
            pool.start();
            pretraining.offer(pool);
        } else {
            LOG.info("Application pool '{}' has autoStart=\"false\": it stays stopped until 'lido start apppool'",
                    config.name());
        }
    }

    /** Each pool's workers may use only the sessions of the applications it hosts (in this configuration). */
    private void scopeSessions(ServerConfig config) {
        StateServer sessions = stateServer;
        if (sessions != null) {
            sessions.poolApplications(SessionScopes.of(config));
        }
    }

    private void tick() {
        for (ApplicationPool pool : pools.values()) {
            pool.tick();
        }
    }

    /** The pool of that name, if it is an out-of-process pool (names are case-insensitive, as in IIS). */
    public Optional<ApplicationPool> pool(String name) {
        return Optional.ofNullable(pools.get(key(name)));
    }

    /** Every out-of-process pool. */
    public Collection<ApplicationPool> pools() {
        return List.copyOf(pools.values());
    }

    /**
     * Every pool of the configuration, in-process ones too (which are not this service's business but are
     * listed with the others, as IIS lists them), in the order the configuration defines them.
     */
    public List<ApplicationPoolConfig> configuredPools() {
        return configured;
    }

    /** Every worker process of every pool. */
    public List<WorkerInfo> workers() {
        List<WorkerInfo> all = new ArrayList<>();
        for (ApplicationPool pool : pools.values()) {
            all.addAll(pool.workers());
        }
        return all;
    }

    /**
     * Applies a new configuration: workers started from now on receive it, changed pools recycle (unless
     * {@code disallowRotationOnConfigChange}), new ones are created, removed ones (or ones now {@code inProcess})
     * are shut down.
     */
    public void reconfigure(ServerConfig next) {
        launcher.configure(next);
        scopeSessions(next);
        configured = List.copyOf(next.applicationPools());
        Map<String, ApplicationPoolConfig> wanted = new ConcurrentHashMap<>();
        for (ApplicationPoolConfig pool : next.applicationPools()) {
            if (pool.hostingModel() == HostingModel.OUT_OF_PROCESS) {
                wanted.put(key(pool.name()), pool);
            }
        }
        for (Map.Entry<String, ApplicationPoolConfig> entry : wanted.entrySet()) {
            ApplicationPool existing = pools.get(entry.getKey());
            if (existing == null) {
                add(entry.getValue());
            } else {
                existing.reconfigure(entry.getValue());
                // New JVM options mean a new cache key: train it before the next request needs it.
                pretraining.offer(existing);
            }
        }
        for (String name : List.copyOf(pools.keySet())) {
            if (!wanted.containsKey(name)) {
                ApplicationPool removed = pools.remove(name);
                LOG.info("Application pool '{}' is no longer an outOfProcess pool: its workers stop", removed.name());
                Thread.ofVirtual().start(() -> removed.shutdown(removed.config().processModel().shutdownTimeLimit()));
            }
        }
    }

    /**
     * Stops every pool: workers drain and exit within {@code timeout} (then they are killed).
     */
    public void shutdown(Duration timeout) {
        timer.shutdownNow();
        pretraining.close();
        Instant deadline = clock.instant().plus(timeout);
        List<Thread> stopping = new ArrayList<>();
        for (ApplicationPool pool : pools.values()) {
            Duration left = Duration.between(clock.instant(), deadline);
            stopping.add(Thread.ofVirtual().start(() -> pool.shutdown(left.isNegative() ? Duration.ZERO : left)));
        }
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while stopping application pools", e);
            }
        }
        removeRunDirectory();
    }

    private void removeRunDirectory() {
        if (runDirectory == null) {
            return;
        }
        try {
            LinkSafeFiles.deleteTree(runDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the worker socket folder " + runDirectory, e);
        }
    }

    /** {@link #shutdown} with 30 seconds. */
    @Override
    public void close() {
        shutdown(Duration.ofSeconds(30));
    }

    private static String key(String poolName) {
        return poolName.toLowerCase(Locale.ROOT);
    }
}
