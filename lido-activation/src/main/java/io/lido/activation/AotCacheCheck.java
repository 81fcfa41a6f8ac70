package io.lido.activation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * @param options the worker's JVM options; its {@code -Xlog} ones are left out: logging does not change
     *                whether a cache maps, and a log file option would have the check overwrite the worker's log
     */
    AotCacheCheck(String javaCommand, List<String> options, String classPath) {
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
            // Into a file beside the cache (its training folder), so that a JVM that hangs cannot block a read.
            Path log = cache.resolveSibling(cache.getFileName() + ".check.log");
            Process process = new ProcessBuilder(command(cache)).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                LOG.warn("Checking JDK AOT cache {} took over {} s", cache, TIMEOUT_SECONDS);
                return false;
            }
            String output = Files.readString(log, StandardCharsets.UTF_8).strip();
            Files.delete(log);
            if (process.exitValue() != 0) {
                LOG.warn("A JVM cannot start from JDK AOT cache {} (exit code {}): {}", cache, process.exitValue(),
                        output);
                return false;
            }
            return true;
        } catch (IOException e) {
            LOG.warn("Cannot check JDK AOT cache {}: {}", cache, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Checking JDK AOT cache {} was interrupted", cache);
            return false;
        }
    }
}
