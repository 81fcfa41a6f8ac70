package io.lido.api;

import java.util.Set;

/**
 * The application cache (ASP.NET's {@code System.Web.Caching.Cache}, {@code HttpContext.Cache}): one per
 * application domain, shared by every request of the application, gone when the domain unloads (a
 * restart starts with an empty cache and runs no callback for the old one's entries).
 *
 * <p>Entries leave the cache when removed or replaced, when they expire (absolute or sliding), when
 * the cache is over its size bound ({@code system.web/caching/cache}, see the README) and evicts the
 * least recently used entry of the lowest priority, and when a file they depend on changes. Expired
 * and dependent entries are removed in the background too, so their {@link CacheItemRemovedCallback}
 * runs without anyone reading them. Every method is thread-safe; reads take no lock.
 */
public interface Cache {

    /** The value, or null when there is none or it has expired; a read renews a sliding expiration. */
    Object get(String key);

    /** Adds or replaces an entry that never expires (a replaced entry's callback gets REMOVED). */
    void insert(String key, Object value);

    /** Adds or replaces an entry (a replaced entry's callback gets REMOVED). */
    void insert(String key, Object value, CacheEntryOptions options);

    /**
     * Adds an entry only when the key has no live one (ASP.NET's {@code Cache.Add}).
     *
     * @return the value already cached, which stays; or null when {@code value} was added
     */
    Object add(String key, Object value, CacheEntryOptions options);

    /** Removes an entry; its callback gets REMOVED. Returns its value, or null when there was none. */
    Object remove(String key);

    /** How many entries the cache holds (expired ones not yet swept included). */
    int count();

    /** The keys of the entries now (a copy). */
    Set<String> keys();

    /** The most entries the cache keeps before evicting ({@code maxEntries}; 0 when eviction is disabled). */
    int maxEntries();
}
