package io.lido.activation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a worker JVM's own crash files go: {@code logs/AppPools/<pool>/dumps/}, never the distribution root (the
 * JVM's default is its working folder). {@code -XX:ErrorFile} puts {@code hs_err_pid<pid>.log} of a native crash
 * there, and {@code -XX:HeapDumpPath} the heap dump of an OutOfMemoryError, written only when the pool's
 * {@code jvmOptions} turn it on ({@code -XX:+HeapDumpOnOutOfMemoryError}: a dump is as big as the heap). A flag the
 * pool's {@code jvmOptions} set themselves wins. The folder itself is made by {@link PoolFolders}. Not part of the
 * AOT cache key: they do not change what the JVM loads.
 */
final class CrashFiles {
    private CrashFiles() {
    }

    /** The JVM flags for a worker whose pool has these {@code jvmOptions}. */
    static List<String> flags(Path dumps, List<String> jvmOptions) {
        List<String> flags = new ArrayList<>(2);
        if (jvmOptions.stream().noneMatch(o -> o.startsWith("-XX:ErrorFile="))) {
            flags.add("-XX:ErrorFile=" + dumps.toAbsolutePath().resolve("hs_err_pid%p.log"));
        }
        if (jvmOptions.stream().noneMatch(o -> o.startsWith("-XX:HeapDumpPath="))) {
            flags.add("-XX:HeapDumpPath=" + dumps.toAbsolutePath());
        }
        return flags;
    }
}
