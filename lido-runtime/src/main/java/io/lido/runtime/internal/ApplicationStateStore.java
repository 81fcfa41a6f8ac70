package io.lido.runtime.internal;

import io.lido.api.HttpApplicationState;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * ASP.NET's {@code Application} collection: reads share a read lock, writes and {@link #lock()} take the
 * write lock, so a thread holding {@link #lock()} sees no other writer until {@link #unlock()} — the
 * {@code Application.Lock()} contract. The write lock is re-entrant, so the holder may keep writing.
 */
public final class ApplicationStateStore implements HttpApplicationState {
    private final Map<String, Object> values = new HashMap<>();
    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();

    @Override
    public Object get(String name) {
        rw.readLock().lock();
        try {
            return values.get(name);
        } finally {
            rw.readLock().unlock();
        }
    }

    @Override
    public void set(String name, Object value) {
        Objects.requireNonNull(name, "name");
        rw.writeLock().lock();
        try {
            if (value == null) {
                values.remove(name);
            } else {
                values.put(name, value);
            }
        } finally {
            rw.writeLock().unlock();
        }
    }

    @Override
    public boolean add(String name, Object value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        rw.writeLock().lock();
        try {
            return values.putIfAbsent(name, value) == null;
        } finally {
            rw.writeLock().unlock();
        }
    }

    @Override
    public void remove(String name) {
        set(name, null);
    }

    @Override
    public void clear() {
        rw.writeLock().lock();
        try {
            values.clear();
        } finally {
            rw.writeLock().unlock();
        }
    }

    @Override
    public int count() {
        rw.readLock().lock();
        try {
            return values.size();
        } finally {
            rw.readLock().unlock();
        }
    }

    @Override
    public Set<String> keys() {
        rw.readLock().lock();
        try {
            return Set.copyOf(values.keySet());
        } finally {
            rw.readLock().unlock();
        }
    }

    @Override
    public Object compute(String name, Function<Object, Object> update) {
        Objects.requireNonNull(name, "name");
        rw.writeLock().lock();
        try {
            Object next = update.apply(values.get(name));
            if (next == null) {
                values.remove(name);
            } else {
                values.put(name, next);
            }
            return next;
        } finally {
            rw.writeLock().unlock();
        }
    }

    @Override
    public void lock() {
        rw.writeLock().lock();
    }

    @Override
    public void unlock() {
        if (!rw.isWriteLockedByCurrentThread()) {
            throw new IllegalStateException("Application.unlock() without a matching lock() on this thread");
        }
        rw.writeLock().unlock();
    }
}
