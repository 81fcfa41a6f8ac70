package io.lido.modules.staticfile;

import io.lido.config.ConfigElement;

/**
 * The effective {@code system.webServer/caching} section as it applies to static files: whether their
 * content may be kept in memory, up to which size per file, and how much memory the cache may use.
 *
 * @param enabled         {@code @enabled}: false serves every file from disk
 * @param maxResponseSize {@code @maxResponseSize}: the largest file kept in memory, in bytes
 * @param maxCacheBytes   {@code @maxCacheSize} in bytes; IIS's 0 ("let the server decide") is
 *                        {@link #AUTO_CACHE_BYTES}
 */
record CachingSettings(boolean enabled, long maxResponseSize, long maxCacheBytes) {

    static final String SECTION = "system.webServer/caching";

    /** What maxCacheSize="0" gives: enough for the small files of a site, bounded well below a typical heap. */
    static final long AUTO_CACHE_BYTES = Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 8);

    /** Binds the section. */
    static CachingSettings from(ConfigElement section) {
        long megabytes = section.longValue("maxCacheSize");
        return new CachingSettings(section.bool("enabled"), section.longValue("maxResponseSize"),
                megabytes == 0 ? AUTO_CACHE_BYTES : megabytes << 20);
    }

    /** Whether a file of {@code size} bytes may be kept in memory. */
    boolean keeps(long size) {
        return enabled && size <= maxResponseSize && size <= maxCacheBytes;
    }
}
