package io.lido.modules.staticfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * IIS's file cache for the static file handler: remembers, per mapped location, the containment
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
 * <p>Thread-safe; the clock is the handler's (milliseconds), so tests can move time.
 */
final class StaticFileCache {
    static final long VERDICT_TTL_MILLIS = 1_000;
    static final long FREQUENT_HIT_MILLIS = 10_000;
    static final int MAX_ENTRIES = 4096;

    private final PhysicalPathGuard guard;
    private final Map<PhysicalPathGuard.Location, StaticFile> entries = new ConcurrentHashMap<>();
    private final AtomicLong contentBytes = new AtomicLong();

    StaticFileCache(PhysicalPathGuard guard) {
        this.guard = guard;
    }

    /**
     * The file or folder at {@code location}: from the cache when its verdict is recent and the file is
     * unchanged, else walked again. Throws what {@link PhysicalPathGuard#resolve(PhysicalPathGuard.Location,
     * String)} throws.
     */
    StaticFile resolve(PhysicalPathGuard.Location location, String urlPath, CachingSettings settings, long nowMillis) {
        StaticFile cached = entries.get(location);
        StaticFile current = cached == null ? null : stillValid(cached, nowMillis);
        if (current == null) {
            current = StaticFile.of(guard.resolve(location, urlPath), nowMillis);
            if (cached != null && current.sameFileAs(cached)) {
                current = cached.verifiedAt(nowMillis);
            }
            store(location, cached, current);
        }
        if (current.content() == null && current.isFile() && settings.keeps(current.size())) {
            current = countHit(location, current, settings, nowMillis);
        }
        return current;
    }

    /** The entry when its verdict is recent and the file has not changed since, else null. */
    private static StaticFile stillValid(StaticFile entry, long nowMillis) {
        if (nowMillis - entry.verifiedAt() >= VERDICT_TTL_MILLIS || nowMillis < entry.verifiedAt()) {
            return null;
        }
        BasicFileAttributes now;
        try {
            now = Files.readAttributes(entry.target().file(), BasicFileAttributes.class);
        } catch (NoSuchFileException gone) {
            return null;
        } catch (IOException e) {
            return null; // the walk tells what is wrong, with the right status
        }
        return entry.matches(now) ? entry : null;
    }

    /** A second hit within the frequent-hit period loads the content; a first one only starts the period. */
    private StaticFile countHit(PhysicalPathGuard.Location location, StaticFile entry, CachingSettings settings,
                                long nowMillis) {
        if (entry.firstHitAt() < 0 || nowMillis - entry.firstHitAt() > FREQUENT_HIT_MILLIS) {
            store(location, entry, entry.firstHit(nowMillis));
            return entry;
        }
        byte[] content = read(entry);
        if (content == null) {
            return entry; // changed while being read: the next request walks again
        }
        if (contentBytes.addAndGet(content.length) > settings.maxCacheBytes()) {
            clear();
            contentBytes.addAndGet(content.length);
        }
        StaticFile loaded = entry.withContent(content);
        store(location, entry, loaded);
        return loaded;
    }

    /** The whole file, or null when its length is no longer the one its attributes gave. */
    private static byte[] read(StaticFile entry) {
        byte[] content;
        try {
            content = Files.readAllBytes(entry.target().file());
        } catch (NoSuchFileException gone) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + entry.target().file(), e);
        }
        return content.length == entry.size() ? content : null;
    }

    private void store(PhysicalPathGuard.Location location, StaticFile previous, StaticFile next) {
        if (previous != null) {
            entries.replace(location, previous, next);
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            clear();
        }
        entries.put(location, next);
    }

    /** Drops every entry; the content byte count restarts (replaced entries are counted until then). */
    private void clear() {
        entries.clear();
        contentBytes.set(0);
    }

    /** How many locations are cached (for tests). */
    int size() {
        return entries.size();
    }
}
