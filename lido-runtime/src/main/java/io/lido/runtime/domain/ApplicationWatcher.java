package io.lido.runtime.domain;

import io.lido.runtime.RestartReason;
import io.lido.runtime.servlet.WebApplications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Watches one application's files for what needs a new domain: {@code web.config} and
 * {@code app_offline.htm} in its root, and every file in {@code bin/} (which may appear or disappear
 * itself); for a web application, its {@code .war} file, or {@code WEB-INF/} and {@code WEB-INF/lib/} of an
 * unpacked one. Changes go through a {@link ChangeDebouncer}, so a deployment restarts the application once.
 * Other files (content, web.config of sub-folders) need no restart: they are read per request.
 */
final class ApplicationWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApplicationWatcher.class);

    private final Path root;
    private final String application;
    private final ChangeDebouncer debouncer;
    private final FileChangesMonitor.Watch rootWatch;
    private final List<FileChangesMonitor.Watch> webApplicationWatches = new ArrayList<>();
    private FileChangesMonitor.Watch binWatch;
    private boolean closed;

    private ApplicationWatcher(Path root, String application, ChangeDebouncer debouncer) {
        this.root = root;
        this.application = application;
        this.debouncer = debouncer;
        if (WebApplications.isWarFile(root)) {
            // A file cannot be watched by itself: its folder is, for events about its name.
            Path war = root.getFileName();
            this.rootWatch = FileChangesMonitor.shared().watch(root.getParent(), name -> {
                if (name == null || name.equals(war)) {
                    debouncer.changed(RestartReason.WEB_APPLICATION_CHANGE);
                }
            });
            return;
        }
        this.rootWatch = FileChangesMonitor.shared().watch(root, this::rootChanged);
        watchBin();
        for (Path folder : List.of(root.resolve("WEB-INF"), root.resolve("WEB-INF").resolve("lib"))) {
            if (Files.isDirectory(folder)) {
                webApplicationWatches.add(FileChangesMonitor.shared().watch(folder,
                        name -> debouncer.changed(RestartReason.WEB_APPLICATION_CHANGE)));
            }
        }
    }

    /**
     * Watches {@code root}, or returns a watcher that does nothing when {@code settings} turn file change
     * notifications off (httpRuntime fcnMode="Disabled").
     */
    static ApplicationWatcher start(Path root, DomainSettings settings, String application, Consumer<RestartReason> restart) {
        if (!settings.watchFiles()) {
            LOG.info("Application {}: file change notifications are disabled (fcnMode=\"Disabled\")", application);
            return null;
        }
        ChangeDebouncer debouncer = new ChangeDebouncer(Clock.systemUTC(), settings.quietPeriod(), settings.maxWait(),
                restart, application);
        try {
            return new ApplicationWatcher(root, application, debouncer);
        } catch (RuntimeException e) {
            debouncer.close();
            throw e;
        }
    }

    private void rootChanged(Path name) {
        if (name == null) {
            debouncer.changed(RestartReason.BIN_CHANGE);
            return;
        }
        String file = name.toString();
        if (file.equalsIgnoreCase("web.config")) {
            debouncer.changed(RestartReason.CONFIGURATION_CHANGE);
        } else if (file.equalsIgnoreCase(AppOffline.FILE_NAME)) {
            debouncer.changed(RestartReason.APP_OFFLINE);
        } else if (file.equals("bin")) {
            watchBin();
            debouncer.changed(RestartReason.BIN_CHANGE);
        }
    }

    private void binChanged(Path name) {
        debouncer.changed(RestartReason.BIN_CHANGE);
    }

    /** (Re)registers bin/ when it exists; called at start and whenever an entry named bin changes. */
    private synchronized void watchBin() {
        if (closed) {
            return;
        }
        if (binWatch != null) {
            binWatch.close();
            binWatch = null;
        }
        Path bin = root.resolve("bin");
        if (!Files.isDirectory(bin)) {
            return;
        }
        try {
            binWatch = FileChangesMonitor.shared().watch(bin, this::binChanged);
        } catch (UncheckedIOException e) {
            // Deleted again between the check and the registration; the root's event for it follows.
            LOG.debug("Application {}: cannot watch {}: {}", application, bin, e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        rootWatch.close();
        webApplicationWatches.forEach(FileChangesMonitor.Watch::close);
        if (binWatch != null) {
            binWatch.close();
        }
        debouncer.close();
    }
}
