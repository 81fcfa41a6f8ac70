package io.lido.api;

/**
 * How readily the {@link Cache} evicts an entry when it is over its size bound (ASP.NET's
 * {@code CacheItemPriority}): lower priorities go first, and among equals the least recently used.
 * {@link #NOT_REMOVABLE} entries are never evicted, only expired or removed.
 */
public enum CacheItemPriority {
    LOW, BELOW_NORMAL, NORMAL, ABOVE_NORMAL, HIGH, NOT_REMOVABLE
}
