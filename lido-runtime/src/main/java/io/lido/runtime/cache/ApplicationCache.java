package io.lido.runtime.cache;

import io.lido.api.Cache;
import io.lido.api.CacheEntryOptions;
import io.lido.api.CacheItemRemovedReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link Cache} of one application domain. Entries live in a {@link ConcurrentHashMap}: a read is a
 * map lookup, an expiry check and two volatile writes, with no lock. An entry leaves the cache exactly
 * once, by whoever wins {@code map.remove(key, entry)}, and that thread runs its callback.
 *
 * <p>Three things happen without a read: a sweep every {@link #SWEEP_INTERVAL} removes expired entries
 * and, every {@code privateBytesPollTime}, trims 10% when memory is over its limits; the
 * {@link FileDependencies} watch thread removes entries whose files changed; and an insert that takes
 * the cache over {@code maxEntries} evicts down to 95% of it, lowest priority and least recently used
 * first. Background work runs with the application's classloader as context loader, since callbacks
 * are application code. {@link #close()} (the domain unloads) drops everything without callbacks.
 */
public final class ApplicationCache implements Cache, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApplicationCache.class);
    /** How often expired entries are removed in the background. */
    public static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);
    /** Readers keep touching entries during a trim, so the recency is copied before sorting. */
    private record Candidate(CacheEntry entry, int priority, long lastUsed) {
        static final Comparator<Candidate> EVICTION_ORDER = Comparator.comparingInt(Candidate::priority)
                .thenComparingLong(Candidate::lastUsed)
                .thenComparingLong(c -> c.entry.sequence);
    }

    private final String application;
    private final CacheSettings settings;
    private final Clock clock;
    private final ClassLoader applicationLoader;
    private final MemoryPressure memory;
    private final ConcurrentHashMap<String, CacheEntry> entries = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final FileDependencies files;
    private final ReentrantLock trimming = new ReentrantLock();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private final Duration sweepInterval;
    /** Scheduled on the first insert, so that a domain whose cache is never used costs the timer nothing. */
    private volatile ScheduledFuture<?> sweeper;
    private volatile boolean closed;
    private long lastMemoryCheck;

    /** A cache that sweeps itself every {@link #SWEEP_INTERVAL} until {@link #close()}. */
    public ApplicationCache(String application, CacheSettings settings, Clock clock, ClassLoader applicationLoader) {
        this(application, settings, clock, applicationLoader, MemoryPressure.of(settings), SWEEP_INTERVAL);
    }

    /** With a memory gauge, and no background sweep when {@code sweepInterval} is null (tests call {@link #sweep}). */
    ApplicationCache(String application, CacheSettings settings, Clock clock, ClassLoader applicationLoader,
                     MemoryPressure memory, Duration sweepInterval) {
        this.application = Objects.requireNonNull(application, "application");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.applicationLoader = applicationLoader;
        this.memory = memory;
        this.files = new FileDependencies(application, applicationLoader, e -> removeEntry(e,
                CacheItemRemovedReason.DEPENDENCY_CHANGED));
        this.lastMemoryCheck = clock.millis();
        this.sweepInterval = sweepInterval;
    }

    @Override
    public Object get(String key) {
        CacheEntry entry = entries.get(Objects.requireNonNull(key, "key"));
        if (entry == null) {
            return null;
        }
        long now = clock.millis();
        if (!settings.disableExpiration() && entry.expired(now)) {
            removeEntry(entry, CacheItemRemovedReason.EXPIRED);
            return null;
        }
        entry.touch(now);
        return entry.value;
    }

    @Override
    public void insert(String key, Object value) {
        insert(key, value, CacheEntryOptions.DEFAULT);
    }

    @Override
    public void insert(String key, Object value, CacheEntryOptions options) {
        CacheEntry entry = prepare(key, value, options);
        CacheEntry old = entries.put(key, entry);
        if (old != null) {
            left(old, CacheItemRemovedReason.REMOVED);
        }
        settle(entry);
    }

    @Override
    public Object add(String key, Object value, CacheEntryOptions options) {
        CacheEntry entry = prepare(key, value, options);
        while (true) {
            CacheEntry existing = entries.putIfAbsent(key, entry);
            if (existing == null) {
                settle(entry);
                return null;
            }
            long now = clock.millis();
            if (settings.disableExpiration() || !existing.expired(now)) {
                existing.touch(now);
                detach(entry);
                return existing.value;
            }
            removeEntry(existing, CacheItemRemovedReason.EXPIRED);
        }
    }

    @Override
    public Object remove(String key) {
        CacheEntry entry = entries.remove(Objects.requireNonNull(key, "key"));
        if (entry == null) {
            return null;
        }
        left(entry, CacheItemRemovedReason.REMOVED);
        return entry.value;
    }

    @Override
    public int count() {
        return entries.size();
    }

    @Override
    public Set<String> keys() {
        return Set.copyOf(entries.keySet());
    }

    @Override
    public int maxEntries() {
        return settings.disableMemoryCollection() ? 0 : settings.maxEntries();
    }

    /**
     * One background pass: removes the expired entries (their callbacks get EXPIRED) and, when
     * {@code privateBytesPollTime} has passed and memory is over a limit, evicts 10% (UNDERUSED).
     */
    void sweep() {
        long now = clock.millis();
        if (!settings.disableExpiration()) {
            for (CacheEntry entry : entries.values()) {
                if (entry.expired(now)) {
                    removeEntry(entry, CacheItemRemovedReason.EXPIRED);
                }
            }
        }
        if (settings.watchesMemory() && now - lastMemoryCheck >= settings.privateBytesPollTime().toMillis()) {
            lastMemoryCheck = now;
            if (memory.over()) {
                int size = entries.size();
                LOG.info("Application {}: memory is over the cache's limit; evicting {} of {} entries", application,
                        size / 10, size);
                trim(size - Math.max(1, size / 10));
            }
        }
    }

    /** How many directories the file dependencies watch (for tests). */
    int watchedDirectories() {
        return files.watchedDirectories();
    }

    /** Drops every entry without callbacks (the domain is unloading) and stops the background work. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (sweeper != null) {
                sweeper.cancel(false);
            }
        }
        files.close();
        entries.clear();
    }

    private CacheEntry prepare(String key, Object value, CacheEntryOptions options) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(options, "options");
        if (sweeper == null && sweepInterval != null) {
            startSweeper();
        }
        if (closed) {
            throw new IllegalStateException("the cache of application " + application
                    + " is closed: its application domain has unloaded");
        }
        CacheEntry entry = new CacheEntry(key, value, options, clock.millis(), sequence.incrementAndGet());
        if (!options.fileDependencies().isEmpty()) {
            files.watch(entry);
        }
        return entry;
    }

    /**
     * After an entry went in: a file that changed between its stamp and now was possibly reported before
     * the entry was in the map, so it is checked once more; then the size bound is enforced.
     */
    private void settle(CacheEntry entry) {
        if (!entry.options.fileDependencies().isEmpty() && FileDependencies.hasChanged(entry)) {
            removeEntry(entry, CacheItemRemovedReason.DEPENDENCY_CHANGED);
        }
        if (!settings.disableMemoryCollection() && entries.size() > settings.maxEntries()) {
            trim(settings.maxEntries() - settings.maxEntries() / 20);
        }
    }

    /** Evicts down to {@code target} entries (one trimmer at a time; others skip, it does their work). */
    private void trim(int target) {
        if (!trimming.tryLock()) {
            return;
        }
        try {
            int excess = entries.size() - target;
            if (excess <= 0) {
                return;
            }
            List<Candidate> victims = entries.values().stream().filter(CacheEntry::evictable)
                    .map(e -> new Candidate(e, e.options.priority().ordinal(), e.lastUsed()))
                    .sorted(Candidate.EVICTION_ORDER).limit(excess).toList();
            for (Candidate victim : victims) {
                removeEntry(victim.entry(), CacheItemRemovedReason.UNDERUSED);
            }
        } finally {
            trimming.unlock();
        }
    }

    private void removeEntry(CacheEntry entry, CacheItemRemovedReason reason) {
        if (entries.remove(entry.key, entry)) {
            left(entry, reason);
        }
    }

    private void left(CacheEntry entry, CacheItemRemovedReason reason) {
        detach(entry);
        var callback = entry.options.onRemoved();
        if (callback == null) {
            return;
        }
        try {
            callback.removed(entry.key, entry.value, reason);
        } catch (RuntimeException e) {
            LOG.warn("Application {}: the removal callback of cache entry '{}' ({}) failed", application, entry.key,
                    reason, e);
        }
    }

    private void detach(CacheEntry entry) {
        if (!entry.options.fileDependencies().isEmpty()) {
            files.unwatch(entry);
        }
    }

    private synchronized void startSweeper() {
        if (sweeper == null && !closed) {
            sweeper = CacheTimer.every(sweepInterval, this::sweepInBackground);
        }
    }

    private void sweepInBackground() {
        if (closed || !sweeping.compareAndSet(false, true)) {
            return;
        }
        Thread thread = Thread.ofVirtual().name("lido-cache-sweep " + application).unstarted(() -> {
            try {
                sweep();
            } catch (RuntimeException e) {
                LOG.error("Application {}: the cache sweep failed", application, e);
            } finally {
                sweeping.set(false);
            }
        });
        thread.setContextClassLoader(applicationLoader);
        thread.start();
    }

    @Override
    public String toString() {
        return "ApplicationCache[" + application + ", " + entries.size() + " entries]";
    }
}
