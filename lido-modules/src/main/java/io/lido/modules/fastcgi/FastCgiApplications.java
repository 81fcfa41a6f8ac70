package io.lido.modules.fastcgi;

import io.lido.config.ConfigElement;
import io.lido.modules.support.SectionCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The FastCGI process pools of this process (the host for in-process pools, or one pool's worker), one per
 * application pool and {@code <application>}; made on first use, replaced when the application's settings change (the
 * old pool's processes finish their requests and stop). Owns the socket folder, the launcher and the sweeper that
 * runs {@link FastCgiProcessPool#sweep()} every second. Thread-safe.
 */
public final class FastCgiApplications implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FastCgiApplications.class);
    /** How long a retired process has to exit by itself before SIGKILL, when signalBeforeTerminateSeconds is 0. */
    static final Duration EXIT_GRACE = Duration.ofSeconds(5);
    private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);

    private final Clock clock;
    private final SectionCache<Map<String, FastCgiSettings>> settings = new SectionCache<>(FastCgiApplications::compile);
    private final Map<String, FastCgiProcessPool> pools = new HashMap<>();
    private SocketFolder sockets;
    private FastCgiLauncher launcher;
    private ScheduledExecutorService sweeper;
    private Thread shutdownHook;
    private boolean closed;

    /** The pools of this process, on {@code clock} (idle, activity and request timers). */
    public FastCgiApplications(Clock clock) {
        this.clock = clock;
    }

    Clock clock() {
        return clock;
    }

    /** The applications of a {@code system.webServer/fastCgi} section by scriptProcessor (compiled once per section). */
    Map<String, FastCgiSettings> settings(ConfigElement fastCgi) {
        return settings.get(fastCgi);
    }

    private static Map<String, FastCgiSettings> compile(ConfigElement fastCgi) {
        Map<String, FastCgiSettings> byProcessor = new HashMap<>();
        for (ConfigElement application : fastCgi.collection()) {
            FastCgiSettings s = FastCgiSettings.from(application);
            byProcessor.put(s.scriptProcessor(), s);
        }
        return Map.copyOf(byProcessor);
    }

    /** The pool of {@code settings} in application pool {@code appPool}, created (or replaced) now if needed. */
    FastCgiProcessPool pool(String appPool, FastCgiSettings settings) {
        String key = appPool + "\n" + settings.scriptProcessor();
        FastCgiProcessPool replaced = null;
        FastCgiProcessPool pool;
        synchronized (this) {
            if (closed) {
                throw new io.lido.api.HttpException(503, 0, "Lido is stopping");
            }
            pool = pools.get(key);
            if (pool != null && pool.settings().equals(settings)) {
                return pool;
            }
            startServices();
            replaced = pool;
            pool = new FastCgiProcessPool("FastCGI " + settings.scriptProcessor() + " in application pool '" + appPool
                    + "'", settings, launcher::start, clock);
            pools.put(key, pool);
        }
        if (replaced != null) {
            LOG.info("{}: its settings changed; its processes stop after their requests", replaced);
            replaced.close(true);
        }
        return pool;
    }

    /** Under the lock, on first use: the socket folder, the launcher thread and the sweeper. */
    private void startServices() {
        if (launcher != null) {
            return;
        }
        sockets = SocketFolder.create();
        launcher = new FastCgiLauncher(sockets);
        sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "lido-fastcgi-sweeper");
            thread.setDaemon(true);
            return serverThread(thread);
        });
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_INTERVAL.toMillis(), SWEEP_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        // An orderly JVM exit that skips close() (System.exit) still ends the processes; a killed JVM's die of
        // setpriv's pdeathsig.
        shutdownHook = new Thread(() -> stopAll(false), "lido-fastcgi-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Gives a thread of this package Lido's class loader as its context class loader: made during a request or an
     * application's start, it would otherwise inherit the application's, and keep it alive (LingeringThreads).
     */
    static Thread serverThread(Thread thread) {
        thread.setContextClassLoader(FastCgiApplications.class.getClassLoader());
        return thread;
    }

    private void sweep() {
        List<FastCgiProcessPool> current;
        synchronized (this) {
            current = new ArrayList<>(pools.values());
        }
        for (FastCgiProcessPool pool : current) {
            try {
                pool.sweep();
            } catch (RuntimeException e) {
                LOG.error("{}: sweeping failed", pool, e);
            }
        }
    }

    /** Stops every process (requests still running on one fail) and deletes the socket folder. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook does the same
            }
        }
        stopAll(true);
    }

    private void stopAll(boolean drain) {
        List<FastCgiProcessPool> current;
        synchronized (this) {
            current = new ArrayList<>(pools.values());
            pools.clear();
        }
        for (FastCgiProcessPool pool : current) {
            pool.close(false);
        }
        if (sweeper != null) {
            sweeper.shutdownNow();
            launcher.close();
            if (drain) {
                sockets.delete();
            }
        }
    }
}
