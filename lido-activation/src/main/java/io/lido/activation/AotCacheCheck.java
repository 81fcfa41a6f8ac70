package io.lido.activation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Whether a worker JVM can start from a freshly trained AOT cache: {@code java <the worker's options>
 * -XX:AOTCache=FILE -XX:AOTMode=on -cp <class path> -version} exits 0 (with {@code AOTMode=on} the JVM refuses to
 * start when it cannot map the cache, where a worker's default {@code auto} would silently start without).
 */
final class AotCacheCheck implements Predicate<Path> {
    private static final Logger LOG = LoggerFactory.getLogger(AotCacheCheck.class);
    private static final long TIMEOUT_SECONDS = 60;

    private final String javaCommand;
    private final List<String> options;
    private final String classPath;
    private final Optional<LineLog> log;

    /**
     * @param options the worker's JVM options; its {@code -Xlog} ones are left out: logging does not change
     *                whether a cache maps, and a log file option would have the check overwrite the worker's log
     */
    AotCacheCheck(String javaCommand, List<String> options, String classPath) {
        this(javaCommand, options, classPath, Optional.empty());
    }

    /** @param log where the checking JVM's output goes when it fails (the AOT cache's log) */
    AotCacheCheck(String javaCommand, List<String> options, String classPath, Optional<LineLog> log) {
        this.log = log;
        this.javaCommand = javaCommand;
        this.options = options.stream().filter(o -> !o.startsWith("-Xlog")).toList();
        this.classPath = classPath;
    }

    /** The command line that checks a cache file. */
    List<String> command(Path cache) {
        List<String> command = new ArrayList<>();
        command.add(javaCommand);
        command.addAll(options);
        command.add("-XX:AOTCache=" + cache);
        command.add("-XX:AOTMode=on");
        command.add("-cp");
        command.add(classPath);
        command.add("-version");
        return command;
    }

    @Override
    public boolean test(Path cache) {
        try {
            Process process = new ProcessBuilder(command(cache)).redirectErrorStream(true).start();
            process.getOutputStream().close();
            // Read on a thread of its own, so that a JVM that hangs cannot hold the check past its timeout.
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process),
                    Thread::startVirtualThread);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                LOG.warn("Checking JDK AOT cache {} took over {} s", cache, TIMEOUT_SECONDS);
                return false;
            }
            String text = output.get(TIMEOUT_SECONDS, TimeUnit.SECONDS).strip();
            if (process.exitValue() != 0) {
                // The JVM's own words are AOT chatter: its log, not the operator's, holds them.
                log.ifPresentOrElse(l -> l.note("", "check of " + cache + ": exit code " + process.exitValue() + ": "
                        + text.replace('\n', ' ')), () -> LOG.debug("AOT cache check output: {}", text));
                LOG.warn("A JVM cannot start from JDK AOT cache {} (exit code {}){}", cache, process.exitValue(),
                        log.map(l -> "; its output is in " + l.file()).orElse(""));
                return false;
            }
            return true;
        } catch (IOException | ExecutionException | TimeoutException e) {
            LOG.warn("Cannot check JDK AOT cache {}: {}", cache, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Checking JDK AOT cache {} was interrupted", cache);
            return false;
        }
    }

    private static String readAll(Process process) {
        try (var in = process.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read its output: " + e + ")";
        }
    }
}
