package io.lido.config;

import java.nio.file.Path;

/** Where a configuration element or attribute was written: file and line (1-based). */
public record SourceLocation(Path file, int line) {
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
