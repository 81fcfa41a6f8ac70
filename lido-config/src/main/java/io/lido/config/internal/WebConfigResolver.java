package io.lido.config.internal;

import io.lido.config.ConfigException;
import io.lido.config.SiteConfig;
import io.lido.config.WebConfig;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Computes and caches the effective configuration of every level of a site, one level from its
 * parent: {@code <location>}s of applicationHost.config that target the level, then the locations of
 * the web.config files above that target it, then the level's own web.config (found through the
 * site's applications and virtual directories). A level is cached with the stamp of its web.config
 * (or its absence) and re-checked at most once per second (by the injected clock); when a file on
 * the way changed, the levels from there down are computed again.
 */
final class WebConfigResolver {
    private static final long RECHECK_MILLIS = 1000;
    private static final int MAX_CACHED_LEVELS = 50_000;

    private final LevelState serverLevel;
    private final Path hostFile;
    private final Map<String, Map<String, List<SectionOccurrence>>> hostLocations;
    private final WebConfigFiles files;
    private final Clock clock;
    private final Map<String, LevelEntry> cache = new ConcurrentHashMap<>();
    private final Map<RequestKey, LevelEntry> byRequestPath = new ConcurrentHashMap<>();
    private volatile LastRequest lastRequest;

    WebConfigResolver(LevelState serverLevel, Path hostFile, Map<String, Map<String, List<SectionOccurrence>>> hostLocations,
                      WebConfigFiles files, Clock clock) {
        this.serverLevel = serverLevel;
        this.hostFile = hostFile;
        this.hostLocations = hostLocations;
        this.files = files;
        this.clock = clock;
    }

    WebConfig resolve(SiteConfig site, String urlPath) {
        // Fastest path: the same site and path as the last request (a hot URL), no key and no map lookup.
        LastRequest last = lastRequest;
        long now = clock.millis();
        if (last != null && last.site() == site && last.urlPath().equals(urlPath) && last.entry().isFresh(now)) {
            return last.entry().state();
        }
        // Fast path, per request: one map lookup by the path as given, and a freshness check that
        // touches the file system at most once a second per level.
        RequestKey key = new RequestKey(site.name(), urlPath);
        LevelEntry entry = byRequestPath.get(key);
        if (entry == null || !entry.isFresh(now)) {
            List<String> segments = segments(urlPath);
            entry = level(site, segments, segments.size(), applicationPath(site, segments));
            if (byRequestPath.size() >= MAX_CACHED_LEVELS) {
                byRequestPath.clear();
            }
            byRequestPath.put(key, entry);
        }
        WebConfig state = entry.state();
        lastRequest = new LastRequest(site, urlPath, entry);
        return state;
    }

    /** Makes every cached level check its web.config's stamp on its next use (an application restart). */
    void recheck() {
        for (LevelEntry entry : cache.values()) {
            entry.recheckNow();
        }
    }

    /**
     * Applies applicationHost.config's locations for {@code site} down to {@code relativePath} without
     * reading any web.config, so that a lock violation inside applicationHost.config fails the load.
     */
    void checkHostLocations(SiteConfig site, String relativePath) {
        applicationHostOnly(site, relativePath);
    }

    /** The level of {@code urlPath} from applicationHost.config's server level and locations alone (not cached). */
    LevelState applicationHostOnly(SiteConfig site, String urlPath) {
        List<String> segments = segments(urlPath);
        String application = applicationPath(site, segments);
        LevelState state = serverLevel;
        for (int n = 0; n <= segments.size(); n++) {
            state = compute(state, site, segments.subList(0, n), null, null, application);
        }
        return state;
    }

    /**
     * The level of the first {@code n} segments as seen from {@code application} (the application of
     * the requested path): the same folder looks different to a child application when a location
     * above says {@code inheritInChildApplications="false"}.
     */
    private LevelEntry level(SiteConfig site, List<String> segments, int n, String application) {
        List<String> prefix = segments.subList(0, n);
        String key = site.name() + '\n' + application + '\n' + String.join("/", prefix);
        long now = clock.millis();
        LevelEntry cached = cache.get(key);
        if (cached != null && cached.isFresh(now)) {
            return cached;
        }
        LevelEntry parent = n == 0 ? null : level(site, segments, n - 1, application);
        LevelState parentState = parent == null ? serverLevel : parent.state();
        Path folder = SiteFolders.physicalFolder(site, prefix);
        Path webConfig = folder == null ? null : folder.resolve("web.config");
        FileStamp stamp = FileStamp.of(webConfig);
        LevelEntry entry;
        try {
            entry = new LevelEntry(parent, webConfig, stamp, compute(parentState, site, prefix, webConfig, stamp, application),
                    null, now);
        } catch (ConfigException e) {
            entry = new LevelEntry(parent, webConfig, stamp, null, e, now);
        }
        if (cache.size() >= MAX_CACHED_LEVELS) {
            cache.clear();
        }
        cache.put(key, entry);
        return entry;
    }

    private LevelState compute(LevelState parent, SiteConfig site, List<String> prefix, Path webConfig, FileStamp stamp,
                               String application) {
        String level = String.join("/", prefix).toLowerCase(Locale.ROOT);
        int depth = prefix.size() + 1;
        boolean childView = !Objects.equals(applicationPath(site, prefix), application);
        LevelBuilder builder = new LevelBuilder(parent);
        List<SectionOccurrence> hostOccurrences = hostLocations.getOrDefault(site.name().toLowerCase(Locale.ROOT), Map.of())
                .getOrDefault(level, List.of());
        builder.applyAll(visible(hostOccurrences, childView), hostFile, depth);
        for (ScopedFile above : parent.scope()) {
            builder.applyAll(visible(above.file().targeting(above.relative(level)), childView), above.file().file(), depth);
        }
        if (stamp != null) {
            ConfigFile file = files.get(webConfig, stamp);
            builder.applyAll(visible(file.targeting(""), childView), webConfig, depth);
            builder.addScope(new ScopedFile(file, level));
        }
        return builder.build();
    }

    /**
     * The path of the application that serves {@code segments}; null above every application of the site, which
     * only a worker's configuration has (the root application is another pool's).
     */
    private static String applicationPath(SiteConfig site, List<String> segments) {
        SiteConfig.Application application = SiteFolders.application(site, segments);
        return application == null ? null : application.path();
    }

    /** Drops, for a child application's view, the locations marked inheritInChildApplications="false". */
    private static List<SectionOccurrence> visible(List<SectionOccurrence> occurrences, boolean childView) {
        if (!childView) {
            return occurrences;
        }
        return occurrences.stream()
                .filter(o -> o.location() == null || o.location().inheritInChildApplications())
                .toList();
    }

    /** The URL path's segments, without empty and "." segments; ".." goes up (never above the root). */
    static List<String> segments(String urlPath) {
        List<String> out = new ArrayList<>();
        int query = urlPath.indexOf('?');
        String path = query >= 0 ? urlPath.substring(0, query) : urlPath;
        for (String s : path.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (!out.isEmpty()) {
                    out.removeLast();
                }
                continue;
            }
            out.add(s);
        }
        return out;
    }

    private record RequestKey(String site, String urlPath) {
    }

    /** The last request's site (by identity), path and level: only ever a level that resolved without error. */
    private record LastRequest(SiteConfig site, String urlPath, LevelEntry entry) {
    }

    /** One cached level and what it was computed from. */
    private static final class LevelEntry {
        private final LevelEntry parent;
        private final Path webConfig;
        private final FileStamp stamp;
        private final LevelState state;
        private final ConfigException error;
        private volatile long checkedAt;
        private volatile boolean stale;

        LevelEntry(LevelEntry parent, Path webConfig, FileStamp stamp, LevelState state, ConfigException error, long now) {
            this.parent = parent;
            this.webConfig = webConfig;
            this.stamp = stamp;
            this.state = state;
            this.error = error;
            this.checkedAt = now;
        }

        LevelState state() {
            if (error != null) {
                throw error;
            }
            return state;
        }

        void recheckNow() {
            checkedAt = Long.MIN_VALUE / 2;
        }

        boolean isFresh(long now) {
            if (stale || parent != null && !parent.isFresh(now)) {
                stale = true;
                return false;
            }
            if (now - checkedAt >= RECHECK_MILLIS) {
                checkedAt = now;
                FileStamp current = FileStamp.of(webConfig);
                if (current == null ? stamp != null : !current.equals(stamp)) {
                    stale = true;
                }
            }
            return !stale;
        }
    }
}
