package io.lido.worker;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How long each phase of a worker's start took, from the JVM's start to READY, and whether the JVM started
 * from a JDK AOT cache: one log line that says where a cold start's time goes.
 */
final class StartupTimes {
    /** Set by the host to {@code use <file>} or {@code train <file>} (lido-activation's AotLaunch). */
    static final String AOT_ENVIRONMENT = "LIDO_AOT_CACHE";

    private final Clock clock;
    private final Optional<Instant> jvmStarted;
    private final Instant began;
    private final List<String> phases = new ArrayList<>();
    private Instant last;

    /**
     * @param jvmStarted when the process started (none when unknown, or when the worker runs inside a test's JVM)
     * @param began      when the first phase began: {@code main} in a worker process
     */
    StartupTimes(Clock clock, Optional<Instant> jvmStarted, Instant began) {
        this.clock = clock;
        this.jvmStarted = jvmStarted;
        this.began = began;
        this.last = began;
        jvmStarted.ifPresent(start -> phases.add("JVM " + (began.toEpochMilli() - start.toEpochMilli()) + " ms"));
    }

    /** The start of this process, from the operating system (to the clock tick). */
    static Optional<Instant> processStart() {
        return ProcessHandle.current().info().startInstant();
    }

    /** Ends a phase, named for the log. */
    void phase(String name) {
        Instant now = clock.instant();
        phases.add(name + " " + (now.toEpochMilli() - last.toEpochMilli()) + " ms");
        last = now;
    }

    /** {@code 412 ms after the JVM started (JVM 120 ms, configuration 40 ms, ...)}, or {@code in 52 ms (...)}. */
    String summary() {
        String total = jvmStarted.map(start -> (last.toEpochMilli() - start.toEpochMilli()) + " ms after the JVM started")
                .orElse("in " + (last.toEpochMilli() - began.toEpochMilli()) + " ms");
        return total + " (" + String.join(", ", phases) + ")";
    }

    /**
     * What the JVM did with the AOT cache the host chose, from {@value #AOT_ENVIRONMENT} and
     * {@code java.vm.info}, which says "sharing" only when a class-data archive (here: the AOT cache) is mapped.
     */
    static String aotCache(String setting, String vmInfo) {
        if (setting == null || setting.isBlank()) {
            return "no AOT cache";
        }
        boolean sharing = vmInfo != null && vmInfo.contains("sharing");
        if (setting.startsWith("use ")) {
            String file = setting.substring(4);
            // The host sends the JVM's [aot] lines to the cache folder's aot.log, not to the pool's log.
            return sharing ? "started from AOT cache " + file
                    : "AOT cache " + file + " could not be used (the JVM's [aot] lines are in "
                    + Path.of(file).resolveSibling("aot.log") + ")";
        }
        if (setting.startsWith("train ")) {
            return "training AOT cache " + setting.substring(6) + " (written when this worker exits)";
        }
        return "unknown " + AOT_ENVIRONMENT + " '" + setting + "'";
    }
}
