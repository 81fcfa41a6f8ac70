package io.lido.activation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads a process's memory figures from Linux's {@code /proc/<pid>/status} (values in kB). */
final class ProcStatus {
    private final Path proc;

    ProcStatus(Path proc) {
        this.proc = proc;
    }

    static ProcStatus system() {
        return new ProcStatus(Path.of("/proc"));
    }

    /** The value of a field such as "VmRSS" in KB, or -1 when the process or field is gone. */
    long kilobytes(long pid, String field) {
        List<String> lines;
        try {
            lines = Files.readAllLines(proc.resolve(Long.toString(pid)).resolve("status"));
        } catch (NoSuchFileException e) {
            return -1; // the process has exited
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the status of process " + pid, e);
        }
        String prefix = field + ":";
        for (String line : lines) {
            if (line.startsWith(prefix)) {
                String value = line.substring(prefix.length()).trim();
                int space = value.indexOf(' ');
                return Long.parseLong(space < 0 ? value : value.substring(0, space));
            }
        }
        return -1;
    }
}
