package io.lido.api;

/**
 * Told when an entry leaves the {@link Cache} (ASP.NET's {@code CacheItemRemovedCallback}). It runs on
 * the thread that removed the entry: a request's thread for {@link Cache#remove}, {@link Cache#insert}
 * and a read that found the entry expired, or the cache's own thread for expiry, eviction and file
 * changes noticed in the background. It must not throw; an exception is logged and otherwise ignored.
 */
@FunctionalInterface
public interface CacheItemRemovedCallback {

    void removed(String key, Object value, CacheItemRemovedReason reason);
}
