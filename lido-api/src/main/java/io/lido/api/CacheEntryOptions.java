package io.lido.api;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How long a {@link Cache} entry lives and who hears of its removal: the arguments of ASP.NET's
 * {@code Cache.Insert(key, value, dependencies, absoluteExpiration, slidingExpiration, priority,
 * onRemoveCallback)}. Absolute and sliding expiration exclude each other, as in ASP.NET.
 *
 * @param absoluteExpiration when the entry expires, or null for never
 * @param slidingExpiration  how long the entry lives after its last read or write, or null for no limit
 * @param priority           eviction order when the cache is over its size bound
 * @param fileDependencies   files (or directories) whose change, creation or deletion removes the entry
 * @param onRemoved          told when the entry leaves the cache, or null
 */
public record CacheEntryOptions(Instant absoluteExpiration, Duration slidingExpiration, CacheItemPriority priority,
                                List<Path> fileDependencies, CacheItemRemovedCallback onRemoved) {

    /** No expiration, normal priority, no dependency, no callback. */
    public static final CacheEntryOptions DEFAULT = new CacheEntryOptions(null, null, CacheItemPriority.NORMAL,
            List.of(), null);

    /**
     * @throws IllegalArgumentException when both expirations are set, or the sliding one is not positive
     */
    public CacheEntryOptions {
        Objects.requireNonNull(priority, "priority");
        fileDependencies = List.copyOf(fileDependencies);
        if (absoluteExpiration != null && slidingExpiration != null) {
            throw new IllegalArgumentException("a cache entry has an absolute or a sliding expiration, not both");
        }
        if (slidingExpiration != null && (slidingExpiration.isNegative() || slidingExpiration.isZero())) {
            throw new IllegalArgumentException("sliding expiration must be positive, not " + slidingExpiration);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Expires at {@code when}. */
    public static CacheEntryOptions absolute(Instant when) {
        return builder().absoluteExpiration(when).build();
    }

    /** Expires when not used for {@code idle}. */
    public static CacheEntryOptions sliding(Duration idle) {
        return builder().slidingExpiration(idle).build();
    }

    /** Removed when any of {@code files} changes. */
    public static CacheEntryOptions dependingOn(Path... files) {
        return builder().fileDependencies(files).build();
    }

    /** Builds {@link CacheEntryOptions}; every setting is optional. */
    public static final class Builder {
        private Instant absoluteExpiration;
        private Duration slidingExpiration;
        private CacheItemPriority priority = CacheItemPriority.NORMAL;
        private final List<Path> fileDependencies = new ArrayList<>();
        private CacheItemRemovedCallback onRemoved;

        private Builder() {
        }

        public Builder absoluteExpiration(Instant when) {
            absoluteExpiration = Objects.requireNonNull(when, "when");
            return this;
        }

        public Builder slidingExpiration(Duration idle) {
            slidingExpiration = Objects.requireNonNull(idle, "idle");
            return this;
        }

        public Builder priority(CacheItemPriority value) {
            priority = Objects.requireNonNull(value, "priority");
            return this;
        }

        public Builder fileDependencies(Path... files) {
            for (Path file : files) {
                fileDependencies.add(Objects.requireNonNull(file, "file"));
            }
            return this;
        }

        public Builder onRemoved(CacheItemRemovedCallback callback) {
            onRemoved = Objects.requireNonNull(callback, "callback");
            return this;
        }

        /** @throws IllegalArgumentException when both expirations are set, or the sliding one is not positive */
        public CacheEntryOptions build() {
            return new CacheEntryOptions(absoluteExpiration, slidingExpiration, priority, fileDependencies, onRemoved);
        }
    }
}
