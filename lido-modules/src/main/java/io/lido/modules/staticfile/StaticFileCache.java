package io.lido.modules.staticfile;

import io.lido.config.SiteConfig;
import io.lido.runtime.RequestContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * IIS's file cache for the static file handler: remembers, per application and URL path, the containment
 * verdict of {@link PhysicalPathGuard} (the walk with an lstat per path segment and the symbolic link
 * checks) for {@value #VERDICT_TTL_MILLIS} ms, and keeps the content of small files in memory once they
 * are requested a second time within {@value #FREQUENT_HIT_MILLIS} ms (IIS's frequent-hit rule), so a
 * hot file costs one stat per request instead of a walk, an open, a sendfile and a close.
 *
 * <p>Every hit still stats the resolved file: a file whose size or modification time changed is walked
 * and read again at once, so an edit is never served stale. Only a change to the symbolic links on the
 * way (a verdict) can take up to {@value #VERDICT_TTL_MILLIS} ms to be seen, as with the virtual
 * directory roots the guard caches. Bounded in entries and in content bytes (see {@link CachingSettings}):
 * when either bound is reached, everything is dropped and cached again on demand.
 *
 * <p>The key is the application's configuration (by identity: a configuration change makes a new one)
 * and the URL path, from which the mapping to a location is a pure function, so a hit skips the path
 * checks and the mapping too. Thread-safe; the clock is the handler's (milliseconds), so tests can move
 * time.
 */
final class StaticFileCache {
    static final long VERDICT_TTL_MILLIS = 1_000;
    static final long FREQUENT_HIT_MILLIS = 10_000;
    static final int MAX_ENTRIES = 4096;

    private final PhysicalPathGuard guard;
    private final Map<Key, StaticFile> entries = new ConcurrentHashMap<>();
    private final AtomicLong contentBytes = new AtomicLong();

    StaticFileCache(PhysicalPathGuard guard) {
        this.guard = guard;
    }

    /**
     * The file or folder the request maps to: from the cache when its verdict is recent and the file is
     * unchanged, else checked, mapped and walked again. Throws what {@link PhysicalPathGuard#locate} and
     * {@link PhysicalPathGuard#resolve(PhysicalPathGuard.Location, String)} throw.
     */
    StaticFile resolve(RequestContext context, CachingSettings settings, long nowMillis) {
        String urlPath = context.request().path();
        Key key = new Key(context.applicationConfig(), urlPath);
        StaticFile cached = entries.get(key);
        StaticFile current = cached == null ? null : stillValid(cached, nowMillis);
        if (current == null) {
            current = StaticFile.of(guard.resolve(guard.locate(context), urlPath), nowMillis);
            if (cached != null && current.sameFileAs(cached)) {
                current = cached.verifiedAt(nowMillis);
            }
            store(key, cached, current);
        }
        if (current.content() == null && current.isFile() && settings.keeps(current.size())) {
            current = countHit(key, current, settings, nowMillis);
        }
        return current;
    }

    /** An application's configuration, compared by identity, and a URL path. */
    private record Key(SiteConfig.Application application, String urlPath) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.application == application && key.urlPath.equals(urlPath);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(application) * 31 + urlPath.hashCode();
        }
    }

    /** The entry when its verdict is recent and the file has not changed since, else null. */
    private static StaticFile stillValid(StaticFile entry, long nowMillis) {
        if (nowMillis - entry.verifiedAt() >= VERDICT_TTL_MILLIS || nowMillis < entry.verifiedAt()) {
            return null;
        }
        return unchanged(entry) ? entry : null;
    }

    /** Whether the file still has the entry's size and time; false when it is gone or unreadable. */
    private static boolean unchanged(StaticFile entry) {
        try {
            return entry.matches(Files.readAttributes(entry.target().file(), BasicFileAttributes.class));
        } catch (IOException e) {
            // not an error here: the walk that follows finds out again and answers with the right status
            return false;
        }
    }

    /** A second hit within the frequent-hit period loads the content; a first one only starts the period. */
    private StaticFile countHit(Key key, StaticFile entry, CachingSettings settings,
                                long nowMillis) {
        if (entry.firstHitAt() < 0 || nowMillis - entry.firstHitAt() > FREQUENT_HIT_MILLIS) {
            store(key, entry, entry.firstHit(nowMillis));
            return entry;
        }
        byte[] content = read(entry);
        if (content == null) {
            return entry; // changed while being read: the next request walks again
        }
        boolean cleared = false;
        if (contentBytes.addAndGet(content.length) > settings.maxCacheBytes()) {
            clear();
            contentBytes.addAndGet(content.length);
            cleared = true;
        }
        StaticFile loaded = entry.withContent(content);
        store(key, cleared ? null : entry, loaded);
        return loaded;
    }

    /**
     * The whole file, or null when it changed around the read (its length or its attributes are no longer
     * the entry's): content is only ever kept together with the validators it matches.
     */
    private static byte[] read(StaticFile entry) {
        byte[] content;
        try {
            content = Files.readAllBytes(entry.target().file());
        } catch (NoSuchFileException gone) {
            return null;
        } catch (java.nio.file.AccessDeniedException denied) {
            throw PhysicalPathGuard.aclDenied(entry.target().file().getFileName().toString(), denied);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + entry.target().file(), e);
        }
        return content.length == entry.size() && unchanged(entry) ? content : null;
    }

    private void store(Key key, StaticFile previous, StaticFile next) {
        if (previous != null) {
            entries.replace(key, previous, next);
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            clear();
        }
        entries.put(key, next);
    }

    /** Drops every entry; the content byte count restarts (replaced entries are counted until then). */
    private void clear() {
        entries.clear();
        contentBytes.set(0);
    }
}
