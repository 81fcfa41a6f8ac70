package io.lido.ipc.state;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Locale;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The host process's session store for StateServer mode: every application's sessions, keyed by
 * (application key, session id), kept as encoded bytes ({@link SessionValueCodec}) so that they survive the
 * recycle or crash of the worker that used them. One per host process; the host's in-process applications and
 * every worker connection reach it through their own {@link StateClient}.
 *
 * <p>A timer thread sweeps once per {@code sweepEvery}: it breaks locks held past their lock timeout and removes
 * sessions idle past their timeout. Those decisions read the injected {@link Clock}; only a waiter's wait limit
 * is measured by the timer in real time. Thread-safe; nothing blocks: a lock that cannot be granted yet
 * completes its future later.
 */
public final class StateServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StateServer.class);

    private final Clock clock;
    private final StateLimits limits;
    private final Map<String, ApplicationSessions> applications = new ConcurrentHashMap<>();
    private final AtomicLong lockIds = new AtomicLong();
    private final ScheduledExecutorService timer;
    /** Which applications each pool's workers may use (lower-case pool name to application keys). */
    private volatile Map<String, Set<String>> poolApplications = Map.of();

    /**
     * Starts the store and its sweeper.
     *
     * @param sweepEvery how often expired locks and sessions are looked for (one second in the host)
     */
    public StateServer(Clock clock, StateLimits limits, Duration sweepEvery) {
        this.clock = clock;
        this.limits = limits;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("lido-state-server").factory());
        // Most waits end with a grant, which cancels their time-out: drop those at once, not when they would fire.
        executor.setRemoveOnCancelPolicy(true);
        this.timer = executor;
        long every = sweepEvery.toMillis();
        timer.scheduleWithFixedDelay(this::sweepLogged, every, every, TimeUnit.MILLISECONDS);
    }

    /** The host's store: system clock, default limits, a sweep every second. */
    public static StateServer start() {
        return new StateServer(Clock.systemUTC(), StateLimits.DEFAULT, Duration.ofSeconds(1));
    }

    /**
     * A new client: one per worker connection, one for the host's in-process applications.
     *
     * @param name names the client in log messages ("worker pid 4242")
     */
    public StateClient client(String name) {
        return new StateClient(this, name);
    }

    /**
     * Says which applications each application pool hosts, so that a pool's workers can reach only their own
     * applications' sessions ({@link #allows}); replaced as a whole when the configuration changes.
     *
     * @param byPool pool name (any case) to application keys
     */
    public void poolApplications(Map<String, Set<String>> byPool) {
        Map<String, Set<String>> copy = new HashMap<>();
        byPool.forEach((pool, keys) -> copy.put(pool.toLowerCase(Locale.ROOT), Set.copyOf(keys)));
        poolApplications = Map.copyOf(copy);
    }

    /**
     * Whether a worker of {@code pool} may use the sessions of an application: only when the pool hosts it. A
     * client without a pool (the host's own in-process applications, tests) may use any.
     */
    public boolean allows(String pool, String applicationKey) {
        return pool == null || poolApplications.getOrDefault(pool.toLowerCase(Locale.ROOT), Set.of())
                .contains(applicationKey);
    }

    /** Breaks overdue locks and removes expired sessions now (the timer calls this; tests may too). */
    public void sweep() {
        Instant now = clock.instant();
        List<Runnable> done = new ArrayList<>();
        int expired = 0;
        for (ApplicationSessions application : applications.values()) {
            for (StoredSession session : application.sessions()) {
                if (session.sweep(now, done)) {
                    expired++;
                }
            }
        }
        done.forEach(Runnable::run);
        if (expired > 0) {
            LOG.debug("StateServer: {} session(s) expired", expired);
        }
    }

    private void sweepLogged() {
        try {
            sweep();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: report and keep sweeping.
            LOG.error("StateServer sweep failed", e);
        }
    }

    /** The number of live sessions of an application. */
    public int sessionCount(String applicationKey) {
        ApplicationSessions application = applications.get(applicationKey);
        return application == null ? 0 : application.count();
    }

    /** The encoded bytes the sessions of an application take. */
    public long bytes(String applicationKey) {
        ApplicationSessions application = applications.get(applicationKey);
        return application == null ? 0 : application.bytes();
    }

    /** Stops the sweeper. Sessions are not persisted: they go with the host process, as with ASP.NET's. */
    @Override
    public void close() {
        timer.shutdownNow();
    }

    Clock clock() {
        return clock;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    long nextLockId() {
        return lockIds.incrementAndGet();
    }

    ApplicationSessions application(String key) {
        return applications.computeIfAbsent(key, k -> new ApplicationSessions(k, this, limits));
    }

    /** The application's sessions, or null when it has none yet (no need to create the entry). */
    ApplicationSessions existing(String key) {
        return applications.get(key);
    }
}
