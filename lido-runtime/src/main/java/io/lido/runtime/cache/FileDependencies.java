package io.lido.runtime.cache;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Watches the files cache entries depend on (ASP.NET's {@code CacheDependency}): one {@link WatchService}
 * per cache, created on the first dependency, and one registration per directory holding a dependency.
 * An event in a directory re-stamps the entries depending on files there, and those whose stamp
 * differs are reported to the cache, on the watch thread, without anyone reading them. Comparing
 * stamps rather than trusting events keeps an event from before an entry's insert from removing it.
 */
final class FileDependencies implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FileDependencies.class);

    private final String application;
    private final ClassLoader applicationLoader;
    private final Consumer<CacheEntry> changed;
    private final Map<Path, Watched> byDirectory = new ConcurrentHashMap<>();
    private WatchService watcher;
    private boolean closed;

    /** The entries depending on files of one directory, and that directory's registration. */
    private record Watched(WatchKey key, Set<CacheEntry> entries) {
    }

    FileDependencies(String application, ClassLoader applicationLoader, Consumer<CacheEntry> changed) {
        this.application = application;
        this.applicationLoader = applicationLoader;
        this.changed = changed;
    }

    /**
     * Starts watching an entry's files, then stamps them (in that order, so no change is missed).
     *
     * @throws UncheckedIOException when a dependency's directory cannot be watched or a file not read
     */
    synchronized void watch(CacheEntry entry) {
        if (closed) {
            throw new IllegalStateException("the cache of application " + application + " is closed");
        }
        entry.watchedDirectories = directories(entry);
        try {
            for (Path directory : entry.watchedDirectories) {
                Watched watched = byDirectory.get(directory);
                if (watched == null) {
                    watched = new Watched(register(directory), ConcurrentHashMap.newKeySet());
                    byDirectory.put(directory, watched);
                }
                watched.entries().add(entry);
            }
            entry.stamps = stamp(entry);
        } catch (RuntimeException e) {
            unwatch(entry);
            throw e;
        }
    }

    /** Stops watching an entry's files (it left the cache); a directory nobody depends on is released. */
    synchronized void unwatch(CacheEntry entry) {
        for (Path directory : entry.watchedDirectories) {
            Watched watched = byDirectory.get(directory);
            if (watched != null && watched.entries().remove(entry) && watched.entries().isEmpty()) {
                watched.key().cancel();
                byDirectory.remove(directory);
            }
        }
    }

    /** Whether any of the entry's files differs from its stamp (an unreadable file counts as changed). */
    static boolean hasChanged(CacheEntry entry) {
        List<Path> files = entry.options.fileDependencies();
        List<FileStamp> stamps = entry.stamps;
        for (int i = 0; i < files.size() && i < stamps.size(); i++) {
            try {
                if (!FileStamp.of(files.get(i)).equals(stamps.get(i))) {
                    return true;
                }
            } catch (UncheckedIOException e) {
                LOG.debug("Cache dependency {} is unreadable now: {}", files.get(i), e.getMessage());
                return true;
            }
        }
        return false;
    }

    /** How many directories are watched (for tests). */
    int watchedDirectories() {
        return byDirectory.size();
    }

    @Override
    public synchronized void close() {
        closed = true;
        byDirectory.clear();
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the cache file watcher of " + application, e);
            }
        }
    }

    private static List<FileStamp> stamp(CacheEntry entry) {
        List<FileStamp> stamps = new ArrayList<>();
        for (Path file : entry.options.fileDependencies()) {
            stamps.add(FileStamp.of(file));
        }
        return List.copyOf(stamps);
    }

    /** The directories to watch: each file's parent, and a directory dependency itself (its contents). */
    private static Set<Path> directories(CacheEntry entry) {
        Set<Path> directories = new LinkedHashSet<>();
        for (Path file : entry.options.fileDependencies()) {
            Path absolute = file.toAbsolutePath().normalize();
            if (absolute.getParent() != null) {
                directories.add(absolute.getParent());
            }
            if (Files.isDirectory(absolute)) {
                directories.add(absolute);
            }
        }
        return Set.copyOf(directories);
    }

    private WatchKey register(Path directory) {
        try {
            if (watcher == null) {
                watcher = FileSystems.getDefault().newWatchService();
                Thread thread = Thread.ofVirtual().name("lido-cache-files " + application).unstarted(this::run);
                thread.setContextClassLoader(applicationLoader);
                thread.start();
            }
            return directory.register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch the cache dependency directory " + directory + " of application "
                    + application + ": " + e.getMessage(), e);
        }
    }

    private void run() {
        WatchService service;
        synchronized (this) {
            service = watcher;
        }
        while (true) {
            WatchKey key;
            try {
                key = service.take();
            } catch (ClosedWatchServiceException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            // Draining the events re-arms the key; which file changed does not matter, the stamps decide.
            for (WatchEvent<?> ignored : key.pollEvents()) {
                LOG.trace("Cache dependency event in {}", key.watchable());
            }
            key.reset();
            Path directory = (Path) key.watchable();
            Watched watched = byDirectory.get(directory);
            if (watched != null) {
                recheck(directory, watched.entries());
            }
        }
    }

    private void recheck(Path directory, Set<CacheEntry> entries) {
        for (CacheEntry entry : List.copyOf(entries)) {
            if (dependsOnContentsOf(entry, directory) || hasChanged(entry)) {
                changed.accept(entry);
            }
        }
    }

    /** A directory dependency changes with any event inside it (ASP.NET watches directory contents). */
    private static boolean dependsOnContentsOf(CacheEntry entry, Path directory) {
        for (Path file : entry.options.fileDependencies()) {
            if (file.toAbsolutePath().normalize().equals(directory)) {
                return true;
            }
        }
        return false;
    }
}
