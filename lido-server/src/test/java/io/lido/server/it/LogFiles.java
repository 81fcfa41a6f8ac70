package io.lido.server.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads the log files a stopped test server wrote. */
final class LogFiles {
    private LogFiles() {
    }

    /** Every line of every {@code *.log} file in a folder, files in name order (so across a midnight too). */
    static List<String> lines(Path folder) {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the logs in " + folder, e);
        }
        return lines;
    }

    /** The entry lines (not {@code #} directives). */
    static List<String> entries(Path folder) {
        return lines(folder).stream().filter(l -> !l.startsWith("#")).toList();
    }
}
