package io.lido.modules.fastcgi;

import io.lido.api.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * IIS's FastCGI process pool of one {@code <application>} in one application pool: processes start on demand, at
 * most maxInstances, each serving one request at a time; a request finding none free waits, at most queueLength of
 * them, the next gets 503.4 ("FastCGI queue full").
 *
 * <p>Recycling without a failed request: a process is retired when it is given its last request
 * ({@link FastCgiSettings#requestsPerProcess()}, which php-cgi's PHP_FCGI_MAX_REQUESTS matches), so its slot goes at
 * once to a replacement while it finishes, and it never gets a request after the one it exits after. A process that
 * dies while idle (a crash, a kill) is dropped from the pool and replaced by the next request; one that dies serving a
 * request fails that request (see {@link FastCgiExchange}). {@link #sweep()} (every second, from
 * {@link FastCgiApplications}) stops processes idle for idleTimeout and kills those past activityTimeout or
 * requestTimeout. A change of the monitorChangesTo file retires every process.
 */
final class FastCgiProcessPool {
    private static final Logger LOG = LoggerFactory.getLogger(FastCgiProcessPool.class);

    /** Starts one process; the pool calls it without holding its lock. */
    interface Starter {
        FastCgiProcess start(FastCgiSettings settings) throws IOException;
    }

    private final String name;
    private final FastCgiSettings settings;
    private final Starter starter;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<FastCgiProcess> idle = new ArrayDeque<>();
    private final Set<FastCgiProcess> busy = new HashSet<>();
    /** Processes counted against maxInstances: idle, busy and not retiring, and being started. */
    private int slots;
    private int waiting;
    private boolean closed;
    private FileTime monitoredStamp;
    private long monitorCheckedAt;

    FastCgiProcessPool(String name, FastCgiSettings settings, Starter starter, Clock clock) {
        this.name = name;
        this.settings = settings;
        this.starter = starter;
        this.clock = clock;
        this.monitoredStamp = settings.monitorChangesTo().map(FastCgiProcessPool::stamp).orElse(null);
    }

    FastCgiSettings settings() {
        return settings;
    }

    /**
     * A process for one request: an idle one, a new one while there are fewer than maxInstances, else the first to
     * come free.
     *
     * @throws HttpException 503.4 when queueLength requests wait already, 503 when the pool is closed or the wait
     *                       lasted requestTimeout, 500 when a process cannot be started
     */
    FastCgiProcess acquire() {
        long deadline = System.nanoTime() + settings.requestTimeout().toNanos();
        lock.lock();
        try {
            checkMonitoredFile();
            while (true) {
                if (closed) {
                    throw new HttpException(503, 0, "the FastCGI application " + settings.scriptProcessor()
                            + " is shutting down");
                }
                FastCgiProcess process = idle.pollLast();
                if (process != null) {
                    if (!process.isAlive()) {
                        dropDead(process);
                        continue;
                    }
                    take(process);
                    return process;
                }
                if (slots < settings.maxInstances()) {
                    slots++;
                    break;
                }
                if (waiting >= settings.queueLength()) {
                    throw new HttpException(503, 4, "the FastCGI queue of " + settings.scriptProcessor() + " is full ("
                            + settings.queueLength() + " requests wait for one of its " + settings.maxInstances()
                            + " processes)");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new HttpException(503, 0, "no FastCGI process of " + settings.scriptProcessor()
                            + " came free within requestTimeout (" + settings.requestTimeout().toSeconds() + " s)");
                }
                waiting++;
                try {
                    changed.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new HttpException(503, 0, "interrupted while waiting for a FastCGI process");
                } finally {
                    waiting--;
                }
            }
        } finally {
            lock.unlock();
        }
        return startForRequest();
    }

    private FastCgiProcess startForRequest() {
        FastCgiProcess process;
        try {
            process = starter.start(settings);
        } catch (IOException | RuntimeException e) {
            lock.lock();
            try {
                slots--;
                changed.signal();
            } finally {
                lock.unlock();
            }
            LOG.error("{}: {}", name, e.getMessage());
            throw new HttpException(500, 0, "the FastCGI process could not be started: " + e.getMessage(), e);
        }
        process.process().onExit().thenRun(() -> exited(process));
        lock.lock();
        try {
            if (closed) {
                slots--;
                process.stop(settings.signalBeforeTerminate());
                throw new HttpException(503, 0, "the FastCGI application " + settings.scriptProcessor()
                        + " is shutting down");
            }
            take(process);
            return process;
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: the process serves a request now; its last one retires it and frees its slot. */
    private void take(FastCgiProcess process) {
        busy.add(process);
        process.served++;
        long now = clock.millis();
        process.busySince = now;
        process.lastActivity = now;
        if (process.served >= settings.requestsPerProcess()) {
            retire(process);
        }
    }

    /** Under the lock: no new request for it; its slot is free for a replacement. */
    private void retire(FastCgiProcess process) {
        if (!process.retiring) {
            process.retiring = true;
            slots--;
            changed.signal();
        }
    }

    /**
     * The request on {@code process} is over. A healthy process that may serve more goes back to the idle ones; a
     * retired one is stopped (php-cgi exits by itself after its last request; Lido ends it if it does not); a broken one
     * (its connection or its program failed) is killed.
     */
    void release(FastCgiProcess process, boolean healthy) {
        lock.lock();
        try {
            busy.remove(process);
            if (!healthy || !process.isAlive() || closed) {
                retire(process);
                process.kill(process.killedBecause() != null ? process.killedBecause() : "it failed a request");
            } else if (process.retiring) {
                process.stop(settings.signalBeforeTerminate().isZero()
                        ? FastCgiApplications.EXIT_GRACE : settings.signalBeforeTerminate());
            } else {
                process.idleSince = clock.millis();
                idle.addLast(process);
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** A process ended on its own: an idle one leaves the pool now (the next request starts a replacement). */
    private void exited(FastCgiProcess process) {
        lock.lock();
        try {
            if (idle.remove(process)) {
                if (!process.retiring) {
                    LOG.warn("{}: {} exited with status {} while idle; the next request starts another", name, process,
                            process.process().exitValue());
                }
                dropDead(process);
            }
        } finally {
            lock.unlock();
        }
        process.deleteSocket();
    }

    private void dropDead(FastCgiProcess process) {
        retire(process);
        process.disconnect();
    }

    /** Stops idle processes past idleTimeout; kills busy ones past activityTimeout or requestTimeout. */
    void sweep() {
        long now = clock.millis();
        List<FastCgiProcess> expired = new ArrayList<>();
        lock.lock();
        try {
            checkMonitoredFile();
            for (Iterator<FastCgiProcess> it = idle.iterator(); it.hasNext(); ) {
                FastCgiProcess process = it.next();
                if (now - process.idleSince >= settings.idleTimeout().toMillis()) {
                    it.remove();
                    retire(process);
                    expired.add(process);
                }
            }
            for (FastCgiProcess process : busy) {
                if (now - process.lastActivity >= settings.activityTimeout().toMillis()) {
                    process.kill("it exceeded activityTimeout (" + settings.activityTimeout().toSeconds()
                            + " s without activity)");
                } else if (now - process.busySince >= settings.requestTimeout().toMillis()) {
                    process.kill("its request exceeded requestTimeout (" + settings.requestTimeout().toSeconds()
                            + " s)");
                }
            }
        } finally {
            lock.unlock();
        }
        for (FastCgiProcess process : expired) {
            LOG.debug("{}: stopping {}, idle for idleTimeout", name, process);
            process.stop(settings.signalBeforeTerminate());
        }
    }

    /** Under the lock, at most once a second: a changed monitorChangesTo file retires every process. */
    private void checkMonitoredFile() {
        if (settings.monitorChangesTo().isEmpty()) {
            return;
        }
        long now = clock.millis();
        if (now - monitorCheckedAt < 1000) {
            return;
        }
        monitorCheckedAt = now;
        FileTime current = stamp(settings.monitorChangesTo().get());
        if (java.util.Objects.equals(current, monitoredStamp)) {
            return;
        }
        monitoredStamp = current;
        LOG.info("{}: {} changed; recycling its FastCGI processes", name, settings.monitorChangesTo().get());
        retireAll();
    }

    private void retireAll() {
        for (FastCgiProcess process : busy) {
            retire(process);
        }
        FastCgiProcess process;
        while ((process = idle.pollFirst()) != null) {
            retire(process);
            process.stop(settings.signalBeforeTerminate());
        }
    }

    private static FileTime stamp(Path file) {
        try {
            return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    /** Processes now: idle and busy (for tests and messages). */
    int size() {
        lock.lock();
        try {
            return idle.size() + busy.size();
        } finally {
            lock.unlock();
        }
    }

    /** The pids of the idle processes, most recently used last (for tests). */
    List<Long> idlePids() {
        lock.lock();
        try {
            return idle.stream().map(FastCgiProcess::pid).toList();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes no more requests: idle processes stop now; busy ones when their request ends ({@code drain}) or now.
     */
    void close(boolean drain) {
        lock.lock();
        try {
            closed = true;
            retireAll();
            if (!drain) {
                for (FastCgiProcess process : busy) {
                    process.kill("Lido is stopping");
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code millis} for the busy processes to finish (after {@link #close}). */
    boolean awaitIdle(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            lock.lock();
            try {
                if (busy.isEmpty()) {
                    return true;
                }
            } finally {
                lock.unlock();
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
