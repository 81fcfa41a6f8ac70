package io.lido.listener.log.w3c;

import java.util.List;

/**
 * The disk side of a {@link LogQueue}: every method is called on the queue's one writer thread, never
 * concurrently, so implementations keep their open files in plain fields.
 *
 * @param <T> the queued entry type
 */
public interface LogBatchWriter<T> {

    /** Writes a batch of entries in the order they were recorded (buffered; not necessarily flushed). */
    void write(List<T> batch);

    /** Pushes buffered lines to the operating system; called at least once a second while entries arrive. */
    void flush();

    /** Flushes and closes every open file; the last call. */
    void close();
}
