package io.lido.api;

import java.util.Set;
import java.util.function.Function;

/**
 * Application-wide state shared by every request of one application (ASP.NET's {@code Application}).
 * Every method is thread-safe; {@link #lock()}/{@link #unlock()} group several operations atomically,
 * as {@code Application.Lock()} does.
 */
public interface HttpApplicationState {

    /** The value, or null. */
    Object get(String name);

    void set(String name, Object value);

    void remove(String name);

    Set<String> keys();

    /** Atomically computes a value from the current one (null when absent); returns the new value. */
    Object compute(String name, Function<Object, Object> update);

    /** Takes the state's exclusive lock (re-entrant) until {@link #unlock()}. */
    void lock();

    void unlock();
}
