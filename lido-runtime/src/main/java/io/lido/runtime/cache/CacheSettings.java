package io.lido.runtime.cache;

import io.lido.config.ConfigElement;

import java.time.Duration;

/**
 * The effective {@code system.web/caching/cache} of an application. The memory limits are ASP.NET's;
 * {@code maxEntries} is Lido's, because an entry count is the bound a JVM can enforce exactly.
 *
 * @param maxEntries                         most entries kept before the least used are evicted
 * @param disableExpiration                  ignore every expiration (ASP.NET's switch for diagnosis)
 * @param disableMemoryCollection            never evict (neither for maxEntries nor for memory)
 * @param privateBytesLimit                  evict when the JVM heap in use exceeds this many bytes; 0 = off
 * @param percentagePhysicalMemoryUsedLimit  evict when the machine's memory in use exceeds this percentage; 0 = off
 * @param privateBytesPollTime               how often memory use is checked
 */
public record CacheSettings(int maxEntries, boolean disableExpiration, boolean disableMemoryCollection,
                            long privateBytesLimit, int percentagePhysicalMemoryUsedLimit,
                            Duration privateBytesPollTime) {

    /** The schema defaults. */
    public static final CacheSettings DEFAULT = new CacheSettings(100_000, false, false, 0, 0, Duration.ofMinutes(2));

    public CacheSettings {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, not " + maxEntries);
        }
    }

    /** Binds the effective {@code <cache>} element of {@code system.web/caching}. */
    public static CacheSettings from(ConfigElement cache) {
        return new CacheSettings(cache.integer("maxEntries"), cache.bool("disableExpiration"),
                cache.bool("disableMemoryCollection"), cache.longValue("privateBytesLimit"),
                cache.integer("percentagePhysicalMemoryUsedLimit"), cache.duration("privateBytesPollTime"));
    }

    /** Whether memory use is watched at all. */
    boolean watchesMemory() {
        return !disableMemoryCollection && (privateBytesLimit > 0 || percentagePhysicalMemoryUsedLimit > 0);
    }
}
