package io.lido.runtime.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one timer of the process that removes expired InProc sessions: every {@link #PERIOD_SECONDS} it
 * sweeps each open {@link InProcSessionStore} on a virtual thread of its own, so a slow Session_End of one
 * application delays nobody else. Session timeouts are whole minutes, so a few seconds late is fine.
 *
 * <p>Its thread is created with the runtime's classloader as context loader: were it to inherit the first
 * application's loader it would keep that application's classes alive for the life of the process.
 */
final class SessionSweeper {
    static final long PERIOD_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(SessionSweeper.class);
    private static final SessionSweeper SHARED = new SessionSweeper();

    private final Set<InProcSessionStore> stores = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService timer;

    private SessionSweeper() {
    }

    static SessionSweeper shared() {
        return SHARED;
    }

    synchronized void register(InProcSessionStore store) {
        stores.add(store);
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "lido-session-sweeper");
                thread.setDaemon(true);
                thread.setContextClassLoader(SessionSweeper.class.getClassLoader());
                return thread;
            });
            timer.scheduleWithFixedDelay(this::sweepAll, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
        }
    }

    void unregister(InProcSessionStore store) {
        stores.remove(store);
    }

    /** Whether the store is swept (it is from its construction until it is closed). */
    boolean sweeps(InProcSessionStore store) {
        return stores.contains(store);
    }

    /** One round over every open store (what the timer runs; tests call it directly). */
    void sweepAll() {
        for (InProcSessionStore store : stores) {
            Thread.ofVirtual().start(() -> {
                try {
                    store.sweep();
                } catch (RuntimeException e) {
                    LOG.error("Sweeping {} failed", store, e);
                }
            });
        }
    }
}
