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

    /** Sets or replaces a value; a null value removes the name. */
    void set(String name, Object value);

    /**
     * Adds a value only when the name has none ({@code Application.Add}: an existing value stays).
     *
     * @return whether the value was added
     */
    boolean add(String name, Object value);

    void remove(String name);

    /** Removes every value ({@code Application.Clear()} / {@code RemoveAll()}). */
    void clear();

    /** How many values there are ({@code Application.Count}). */
    int count();

    /** The names of the values now (a copy; {@code Application.AllKeys}). */
    Set<String> keys();

    /** Atomically computes a value from the current one (null when absent); returns the new value. */
    Object compute(String name, Function<Object, Object> update);

    /** Takes the state's exclusive lock (re-entrant) until {@link #unlock()}. */
    void lock();

    void unlock();
}
