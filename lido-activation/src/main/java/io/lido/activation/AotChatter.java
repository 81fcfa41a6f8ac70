package io.lido.activation;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a JVM prints about its JDK AOT cache by itself (JEPs 483, 514): the status lines of a training JVM that
 * writes its cache at exit ({@code Temporary AOTConfiguration recorded}, {@code Launching child process ...}, the
 * child's {@code Picked up JAVA_TOOL_OPTIONS: ...}, ...) and its unified-logging lines tagged {@code aot} or
 * {@code cds} ({@code [0.1s][warning][aot] ...}). None of it is the application's or the operator's business: the
 * host sends such lines of a worker to the AOT cache's own log instead of the pool's log.
 */
final class AotChatter {
    private static final List<byte[]> PREFIXES = List.of(
            "Picked up JAVA_TOOL_OPTIONS:", "Temporary AOTConfiguration recorded", "Launching child process ",
            "Reading AOTConfiguration ", "AOTCache creation is complete", "Removed temporary AOT configuration",
            "AOTCache creation failed", "Error: non-empty classpath", "Dumping shared data").stream()
            .map(s -> s.getBytes(StandardCharsets.US_ASCII)).toList();
    /** {@code [decoration]...[aot]} or {@code [aot,class]}: a unified-logging line of the aot or cds tag set. */
    private static final Pattern TAGGED = Pattern.compile("^(?:\\[[^\\]]*\\])*?\\[\\s*(?:aot|cds)(?:,[^\\]]*)?\\s*\\]");

    private AotChatter() {
    }

    /** Whether the line (bytes, without its line end) is AOT cache chatter. */
    static boolean matches(byte[] line, int offset, int length) {
        if (length == 0) {
            return false;
        }
        if (line[offset] == '[') {
            String start = new String(line, offset, Math.min(length, 120), StandardCharsets.ISO_8859_1);
            return TAGGED.matcher(start).find();
        }
        for (byte[] prefix : PREFIXES) {
            if (startsWith(line, offset, length, prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] line, int offset, int length, byte[] prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (line[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
