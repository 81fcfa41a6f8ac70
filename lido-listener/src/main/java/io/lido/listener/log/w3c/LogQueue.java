package io.lido.listener.log.w3c;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded queue drained by one daemon thread that hands batches to a {@link LogBatchWriter}. Event-loop
 * threads call {@link #offer}, which never blocks: when the queue is full (the disk is slower than the
 * traffic) the entry is dropped and counted, because stalling the listener would turn a slow disk into
 * an outage. The writer flushes whenever the queue runs empty and at least every {@code flushInterval}
 * under sustained load; {@link #close} writes everything already queued before it returns.
 *
 * @param <T> the entry type
 */
public final class LogQueue<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogQueue.class);
    private static final int MAX_BATCH = 4096;
    private static final long BATCH_GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long FAILURE_REPORT_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** Wakes the writer on close without interrupting it (an interrupt would close a FileChannel mid-write). */
    private static final Object WAKE_UP = new Object();

    private final String name;
    private final BlockingQueue<Object> queue;
    private final LogBatchWriter<T> writer;
    private final long flushIntervalNanos;
    private final LongAdder dropped = new LongAdder();
    private final Thread thread;
    private volatile boolean closing;
    // Writer thread only.
    private long failedBatches;
    private long lastFailureReport;

    /**
     * Starts the writer thread.
     *
     * @param name          names the thread and the log messages, e.g. "W3C access log"
     * @param capacity      entries held before {@link #offer} starts dropping
     * @param flushInterval the longest time a written line stays in a buffer
     */
    public LogQueue(String name, int capacity, Duration flushInterval, LogBatchWriter<T> writer) {
        if (capacity < 1) {
            throw new IllegalArgumentException(name + ": queue capacity must be at least 1, was " + capacity);
        }
        this.name = name;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = writer;
        this.flushIntervalNanos = flushInterval.toNanos();
        this.thread = Thread.ofPlatform().daemon().name(name + " writer").unstarted(this::run);
        this.thread.start();
    }

    /**
     * Queues an entry without blocking.
     *
     * @return false when the entry was dropped (queue full or closed); the drop is counted in
     *         {@link #dropped()}
     */
    public boolean offer(T entry) {
        if (closing || !queue.offer(entry)) {
            dropped.increment();
            return false;
        }
        return true;
    }

    /** Entries dropped since the queue started. */
    public long dropped() {
        return dropped.sum();
    }

    /** Stops accepting entries, writes and flushes what is queued, closes the files and waits for that. */
    @Override
    public void close() {
        closing = true;
        // When the queue is full the writer is busy and sees the flag on its next round anyway.
        queue.offer(WAKE_UP);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + ": interrupted while waiting for the log writer to finish", e);
        }
        long lost = dropped.sum();
        if (lost > 0) {
            LOG.warn("{}: {} entries were not written in total (log queue full, or a write failed)", name, lost);
        }
    }

    private void run() {
        List<Object> drained = new ArrayList<>();
        List<T> batch = new ArrayList<>();
        long lastFlush = System.nanoTime();
        boolean dirty = false;
        while (!closing || !queue.isEmpty()) {
            try {
                Object first = queue.poll(flushIntervalNanos, TimeUnit.NANOSECONDS);
                if (first != null) {
                    drained.add(first);
                }
            } catch (InterruptedException e) {
                LOG.error("{}: writer thread interrupted; writing what is queued and stopping", name, e);
                closing = true;
            }
            queue.drainTo(drained, MAX_BATCH - drained.size());
            collect(drained, batch);
            if (!batch.isEmpty()) {
                writeSafely(batch);
                batch.clear();
                dirty = true;
                // Busy: gather the next entries for a moment instead of waiting on the queue, where each
                // offer would wake this thread, costing the request thread a futex call and the core a switch.
                LockSupport.parkNanos(BATCH_GATHER_NANOS);
            }
            long now = System.nanoTime();
            if (dirty && (queue.isEmpty() || now - lastFlush >= flushIntervalNanos)) {
                flushSafely();
                dirty = false;
                lastFlush = now;
            }
        }
        closeSafely();
    }

    @SuppressWarnings("unchecked")
    private static <T> void collect(List<Object> drained, List<T> batch) {
        for (Object o : drained) {
            if (o != WAKE_UP) {
                batch.add((T) o);
            }
        }
        drained.clear();
    }

    // The writer thread must survive a full disk or a removed folder: it reports the failure and goes on
    // with the next batch, which retries opening the file. While the disk stays broken, one report a
    // minute (with the count since the last one) keeps a failing log from flooding the server's output.
    private void writeSafely(List<T> batch) {
        try {
            writer.write(batch);
            if (failedBatches > 0) {
                LOG.warn("{}: writing works again after {} failed batches", name, failedBatches);
                failedBatches = 0;
            }
        } catch (RuntimeException e) {
            dropped.add(batch.size());
            failedBatches++;
            long now = System.nanoTime();
            if (failedBatches == 1 || now - lastFailureReport >= FAILURE_REPORT_INTERVAL_NANOS) {
                LOG.error("{}: could not write {} entries ({} failed batches so far)", name, batch.size(),
                        failedBatches, e);
                lastFailureReport = now;
            }
        }
    }

    private void flushSafely() {
        try {
            writer.flush();
        } catch (RuntimeException e) {
            LOG.error("{}: could not flush the log", name, e);
        }
    }

    private void closeSafely() {
        try {
            writer.close();
        } catch (RuntimeException e) {
            LOG.error("{}: could not close the log", name, e);
        }
    }
}
