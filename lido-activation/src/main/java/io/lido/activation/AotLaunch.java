package io.lido.activation;

import java.nio.file.Path;
import java.util.List;

/**
 * What one worker launch does with the pool's JDK AOT cache: nothing, start from it, or train it.
 * The worker learns which from the {@value #ENVIRONMENT} environment variable, to say so in its log.
 */
sealed interface AotLaunch {
    /** {@code use <file>} or {@code train <file>}: set in the worker's environment. */
    String ENVIRONMENT = "LIDO_AOT_CACHE";

    /** The JVM options that select this behaviour. */
    List<String> flags();

    /** The value of {@value #ENVIRONMENT}, or null for none. */
    String environment();

    /** Called once the worker process has exited. */
    void exited();

    /** No cache: disabled for the pool, the options manage their own, or the class path is not all jars. */
    record None() implements AotLaunch {
        @Override
        public List<String> flags() {
            return List.of();
        }

        @Override
        public String environment() {
            return null;
        }

        @Override
        public void exited() {
        }
    }

    /**
     * Start from a trained cache. A cache the JVM cannot map (truncated, or from another JDK) only makes it
     * print {@code [aot]} errors and start without it (the default {@code -XX:AOTMode=auto}).
     */
    record Use(Path file) implements AotLaunch {
        @Override
        public List<String> flags() {
            return List.of("-XX:AOTCache=" + file);
        }

        @Override
        public String environment() {
            return "use " + file;
        }

        @Override
        public void exited() {
        }
    }

    /**
     * Train the cache: the JVM records what it loads and, when it exits normally (a drain, a recycle, an idle
     * stop), assembles the cache into {@code output} in a child JVM before exiting. {@code whenExited} then
     * checks it and makes it the pool's.
     */
    record Train(Path output, Runnable whenExited) implements AotLaunch {
        @Override
        public List<String> flags() {
            return List.of("-XX:AOTCacheOutput=" + output);
        }

        @Override
        public String environment() {
            return "train " + output;
        }

        @Override
        public void exited() {
            whenExited.run();
        }
    }
}
