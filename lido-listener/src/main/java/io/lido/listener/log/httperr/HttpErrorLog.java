package io.lido.listener.log.httperr;

import io.lido.listener.log.ErrorLog;
import io.lido.listener.log.ListenerError;
import io.lido.listener.log.w3c.LogQueue;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP.sys's httperr log: every response the listener produced itself, and every connection it dropped,
 * one line each in {@code <logs>/HTTPERR/httperr1.log} with the fields
 * {@code date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason
 * s-queuename} (UTC). A file that reaches the size limit is closed and {@code httperr2.log} begins, and
 * so on.
 *
 * <p>{@link #record} is called on event-loop threads and only queues; one background thread writes and
 * flushes at least once a second. A full queue drops the entry (never blocks the event loop) and the
 * count is written as a {@code #Remark} line and reported through SLF4J. {@link #close} writes
 * everything queued before it returns.
 */
public final class HttpErrorLog implements ErrorLog, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpErrorLog.class);
    /** The size at which a new file starts. HTTP.sys's default is 1 MB; Lido keeps more per file. */
    public static final long DEFAULT_MAX_FILE_BYTES = 10L * 1024 * 1024;
    static final int DEFAULT_CAPACITY = 16_384;

    private final LogQueue<ListenerError> queue;
    private final AtomicLong unreportedDrops = new AtomicLong();

    /**
     * Starts the writer thread for {@code <logsDirectory>/HTTPERR/httperrN.log}, 10 MB per file.
     *
     * @param clock gives the {@code #Date} of each new file
     */
    public HttpErrorLog(Path logsDirectory, Clock clock) {
        this(logsDirectory, DEFAULT_MAX_FILE_BYTES, clock);
    }

    /** As {@link #HttpErrorLog(Path, Clock)} with another size at which a new file starts. */
    public HttpErrorLog(Path logsDirectory, long maxFileBytes, Clock clock) {
        this(logsDirectory, maxFileBytes, clock, DEFAULT_CAPACITY);
    }

    HttpErrorLog(Path logsDirectory, long maxFileBytes, Clock clock, int capacity) {
        if (maxFileBytes < 1024) {
            throw new IllegalArgumentException("httperr log file size limit must be at least 1024 bytes, was "
                    + maxFileBytes);
        }
        this.queue = new LogQueue<>("httperr log", capacity, Duration.ofSeconds(1),
                new HttpErrFiles(logsDirectory.resolve("HTTPERR"), maxFileBytes, clock, this::takeDrops));
    }

    @Override
    public void record(ListenerError entry) {
        if (!queue.offer(entry)) {
            unreportedDrops.incrementAndGet();
        }
    }

    /** Entries dropped because the queue was full (or the log closed) since start. */
    public long dropped() {
        return queue.dropped();
    }

    /** Writes and flushes every queued entry, closes the file and stops the writer thread. */
    @Override
    public void close() {
        queue.close();
    }

    private long takeDrops() {
        long n = unreportedDrops.getAndSet(0);
        if (n > 0) {
            LOG.warn("httperr log: {} entries dropped because the log queue was full", n);
        }
        return n;
    }
}
