package io.lido.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where Lido's own log goes, for messages that send the operator there: Lido logs to its standard error,
 * which {@code lido run} leaves to whoever started it (a terminal, a file, the journal), so the answer is
 * read from the process's descriptor 2 on Linux.
 */
final class HostLogLocation {
    private static final Path STANDARD_ERROR = Path.of("/proc/self/fd/2");

    private HostLogLocation() {
    }

    /** "Lido's log (/var/log/lido.log)" when standard error is a file, else "Lido's log (its standard error)". */
    static String describe() {
        return describe(STANDARD_ERROR);
    }

    static String describe(Path descriptor) {
        try {
            Path target = Files.readSymbolicLink(descriptor);
            if (target.isAbsolute() && Files.isRegularFile(target)) {
                return "Lido's log (" + target + ")";
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // Not Linux, or no /proc: the generic wording below is all we can say.
        }
        return "Lido's log (its standard error)";
    }
}
