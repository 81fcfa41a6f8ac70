package io.lido.runtime.cache;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one timer thread every cache of the process shares: it only starts each cache's sweep on a
 * virtual thread, so a slow callback delays no other application. Its thread has no application
 * classloader as context loader, and cancelled tasks leave its queue at once, so an unloaded domain
 * is not kept reachable from here.
 */
final class CacheTimer {
    private static final ScheduledThreadPoolExecutor TIMER = create();

    private CacheTimer() {
    }

    static ScheduledFuture<?> every(Duration interval, Runnable task) {
        long millis = Math.max(1, interval.toMillis());
        return TIMER.scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS);
    }

    private static ScheduledThreadPoolExecutor create() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "lido-cache-timer");
            thread.setDaemon(true);
            thread.setContextClassLoader(null);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
