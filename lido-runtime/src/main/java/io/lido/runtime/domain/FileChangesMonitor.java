package io.lido.runtime.domain;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Directory change notifications for the whole process (ASP.NET's FileChangesMonitor): one
 * {@link WatchService} and one daemon thread, however many applications watch, because each watch
 * service costs an inotify instance and Linux allows a user only 128 of them.
 *
 * <p>A listener is called on the monitor's thread with the name of the entry that changed, or null
 * when events were lost (overflow: anything may have changed). Listeners must be quick and must not
 * throw; an exception is logged and the other listeners still run.
 */
public final class FileChangesMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(FileChangesMonitor.class);
    private static final FileChangesMonitor SHARED = new FileChangesMonitor();

    /** Receives the changed entry's file name, or null after an overflow. */
    @FunctionalInterface
    public interface Listener {
        void changed(Path name);
    }

    /** An active registration; closing it stops the notifications. */
    public interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    private final Map<WatchKey, List<Listener>> listeners = new ConcurrentHashMap<>();
    private WatchService service;

    private FileChangesMonitor() {
    }

    /** The process-wide monitor. */
    public static FileChangesMonitor shared() {
        return SHARED;
    }

    /**
     * Notifies {@code listener} of entries created, modified or deleted directly in {@code directory}.
     *
     * @throws UncheckedIOException when the directory cannot be watched (missing, no permission)
     */
    public Watch watch(Path directory, Listener listener) {
        WatchKey key;
        try {
            key = directory.register(service(), StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + directory + " for changes: " + e, e);
        }
        // Registering a directory twice gives the same key; each registration adds its own listener.
        listeners.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> {
            listeners.computeIfPresent(key, (k, list) -> {
                list.remove(listener);
                if (list.isEmpty()) {
                    k.cancel();
                    return null;
                }
                return list;
            });
        };
    }

    private synchronized WatchService service() throws IOException {
        if (service == null) {
            service = FileSystems.getDefault().newWatchService();
            Thread thread = Thread.ofPlatform().daemon().name("lido-file-changes").unstarted(this::run);
            // The server's loader, never an application's: this thread lives as long as the process.
            thread.setContextClassLoader(FileChangesMonitor.class.getClassLoader());
            thread.start();
        }
        return service;
    }

    private void run() {
        while (true) {
            WatchKey key;
            try {
                key = service.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                LOG.warn("File change notifications stopped: {}", e.toString());
                return;
            }
            List<Listener> targets = listeners.getOrDefault(key, List.of());
            for (WatchEvent<?> event : key.pollEvents()) {
                Path name = event.kind() == StandardWatchEventKinds.OVERFLOW ? null : (Path) event.context();
                for (Listener listener : targets) {
                    notify(listener, name);
                }
            }
            if (!key.reset()) {
                // The directory is gone; its watchers learn it from the parent's event (a deleted bin/).
                listeners.remove(key);
            }
        }
    }

    private static void notify(Listener listener, Path name) {
        try {
            listener.changed(name);
        } catch (RuntimeException e) {
            LOG.error("A file change listener failed on {}", name, e);
        }
    }
}
