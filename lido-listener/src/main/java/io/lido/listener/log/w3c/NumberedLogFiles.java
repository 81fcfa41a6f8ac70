package io.lido.listener.log.w3c;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Size-rotated files named with a growing number ({@code u_extend3.log}, {@code httperr3.log}): the
 * number only grows, and a restart continues the newest file while it is under the size limit.
 */
public final class NumberedLogFiles {
    private final Path folder;
    private final String prefix;
    private final Pattern name;

    /** Files {@code <folder>/<prefix><N>.log}. */
    public NumberedLogFiles(Path folder, String prefix) {
        this.folder = folder;
        this.prefix = prefix;
        this.name = Pattern.compile(Pattern.quote(prefix) + "(\\d+)\\.log");
    }

    /** The file with number {@code n}. */
    public Path path(int n) {
        return folder.resolve(prefix + n + ".log");
    }

    /**
     * The number to write to at start-up: the newest existing file if it is under {@code limit} bytes,
     * else the next number (1 in an empty or missing folder).
     */
    public int continueOrNext(long limit) {
        int newest = newest();
        return newest == 0 || size(path(newest)) >= limit ? newest + 1 : newest;
    }

    private int newest() {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> name.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1)))
                    .max().orElse(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list log folder " + folder, e);
        }
    }

    private static long size(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of log file " + path, e);
        }
    }
}
