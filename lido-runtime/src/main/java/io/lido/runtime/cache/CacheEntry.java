package io.lido.runtime.cache;

import io.lido.api.CacheEntryOptions;
import io.lido.api.CacheItemPriority;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * One cached value with its expiry and recency. The times are written without a lock by readers
 * (a sliding renewal racing another is harmless: either renewal is right), so they are volatile.
 */
final class CacheEntry {
    static final long NEVER = Long.MAX_VALUE;

    final String key;
    final Object value;
    final CacheEntryOptions options;
    /** Monotonic insertion number: the tie-breaker between entries last used in the same millisecond. */
    final long sequence;
    private final long slidingMillis;
    private volatile long expiresAt;
    private volatile long lastUsed;
    /** The dependency stamps taken at insert, in the order of the options' files (empty without any). */
    volatile List<FileStamp> stamps = List.of();
    /** The directories watched for this entry, fixed at insert (a directory dependency may be gone later). */
    volatile Set<Path> watchedDirectories = Set.of();

    CacheEntry(String key, Object value, CacheEntryOptions options, long now, long sequence) {
        this.key = key;
        this.value = value;
        this.options = options;
        this.sequence = sequence;
        this.slidingMillis = options.slidingExpiration() == null ? 0 : options.slidingExpiration().toMillis();
        this.lastUsed = now;
        if (options.absoluteExpiration() != null) {
            expiresAt = options.absoluteExpiration().toEpochMilli();
        } else if (slidingMillis > 0) {
            expiresAt = now + slidingMillis;
        } else {
            expiresAt = NEVER;
        }
    }

    boolean expired(long now) {
        return now >= expiresAt;
    }

    /** A read: renews a sliding expiration and the recency used for eviction. */
    void touch(long now) {
        if (lastUsed != now) {
            lastUsed = now;
            if (slidingMillis > 0) {
                expiresAt = now + slidingMillis;
            }
        }
    }

    long lastUsed() {
        return lastUsed;
    }

    boolean evictable() {
        return options.priority() != CacheItemPriority.NOT_REMOVABLE;
    }
}
