package io.lido.api;

/** Why an entry left the {@link Cache} (ASP.NET's {@code CacheItemRemovedReason}). */
public enum CacheItemRemovedReason {
    /** Removed by {@link Cache#remove} or replaced by {@link Cache#insert}. */
    REMOVED,
    /** Its absolute expiration passed, or it was not read within its sliding expiration. */
    EXPIRED,
    /** Evicted to keep the cache within its size bound (least recently used, lowest priority first). */
    UNDERUSED,
    /** One of the files it depends on was changed, created or deleted. */
    DEPENDENCY_CHANGED
}
