package io.lido.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the host JVM does with the JDK AOT cache that bin/lido chose for it (bin/host-aot-cache.sh), from the
 * {@value #PROPERTY} system property: {@code use:FILE} (started with {@code -XX:AOTCache=FILE}),
 * {@code train:FILE} (started with {@code -XX:AOTCacheOutput=FILE}: the JVM writes the cache when it exits
 * normally), or nothing (no cache: {@code LIDO_AOT=0}, options of one's own, Lido not run by bin/lido).
 *
 * <p>A training run says here that it got as far as serving, by a {@value #SERVING} file beside the cache it
 * trains: bin/lido keeps only the cache of such a run, so that a start that fails early (a bad configuration)
 * does not leave a cache of half a start for every later run.
 */
final class HostAotCache {
    private static final Logger LOG = LoggerFactory.getLogger(HostAotCache.class);
    static final String PROPERTY = "lido.aotCache";
    /** Beside the caches: the JVM's own [aot] lines (bin/host-aot-cache.sh). */
    static final String LOG_FILE = "host-aot.log";
    /**
     * Beside the caches: what a training JVM prints as it exits. Not {@link #LOG_FILE}: the child JVM that
     * assembles the cache inherits the -Xlog option and truncates that file as it starts.
     */
    static final String EXIT_LOG_FILE = "host-aot-exit.log";
    /** Beside a training output: the run it belongs to started serving. */
    static final String SERVING = "serving";

    private final String setting;

    HostAotCache(String setting) {
        this.setting = setting == null ? "" : setting;
    }

    static HostAotCache fromSystemProperties() {
        return new HostAotCache(System.getProperty(PROPERTY));
    }

    /**
     * The log line about the cache, or empty text when bin/lido chose none.
     *
     * @param vmInfo {@code java.vm.info}, which says "sharing" only when the JVM mapped a class-data archive
     *               (here: the AOT cache; bin/lido does not ask for a cache and the JDK's default archive
     *               together)
     */
    String describe(String vmInfo) {
        if (setting.isEmpty()) {
            return "";
        }
        if (setting.startsWith("use:")) {
            String file = setting.substring(4);
            return vmInfo != null && vmInfo.contains("sharing") ? "Host JVM started from JDK AOT cache " + file
                    : "Host JVM: JDK AOT cache " + file + " could not be used (the JVM's [aot] lines are in "
                    + Path.of(file).resolveSibling(LOG_FILE) + ")";
        }
        if (setting.startsWith("train:")) {
            return "Host JVM trains JDK AOT cache " + setting.substring(6)
                    + " (written when Lido stops normally; the next run starts from it)";
        }
        return "Host JVM: ignored -D" + PROPERTY + "='" + setting + "' (bin/lido sets use:FILE or train:FILE)";
    }

    /** Logs what the JVM does with the cache (nothing without one). */
    void logAtStart() {
        String line = describe(System.getProperty("java.vm.info"));
        if (!line.isEmpty()) {
            LOG.info(line);
        }
    }

    /**
     * Once Lido serves: a training run marks its cache as one worth keeping. A marker that cannot be written
     * only costs the cache (the next run trains again), so it is logged, not thrown.
     */
    void serving() {
        if (!setting.startsWith("train:")) {
            return;
        }
        Path marker = Path.of(setting.substring(6)).resolveSibling(SERVING);
        try {
            Files.writeString(marker, Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            LOG.warn("Cannot write {}: the JDK AOT cache this run trains will be discarded ({})", marker, e.toString());
        }
    }

    /**
     * Just before the JVM exits after a clean stop: a training JVM now writes its cache and prints about it (its
     * own status lines, the child JVM's {@code Picked up JAVA_TOOL_OPTIONS}): that goes to {@value #EXIT_LOG_FILE}
     * beside the caches, not to Lido's log.
     */
    void beforeExit() {
        if (setting.startsWith("train:")) {
            Path log = Path.of(setting.substring(6)).toAbsolutePath().getParent().resolveSibling(EXIT_LOG_FILE);
            if (!ExitOutput.redirectTo(log)) {
                LOG.debug("The JVM's AOT output at exit stays on Lido's output: cannot open {}", log);
            }
        }
    }
}
