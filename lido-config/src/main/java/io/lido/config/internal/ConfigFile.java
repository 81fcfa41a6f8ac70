package io.lido.config.internal;

import java.nio.file.Path;
import java.util.List;

/** A parsed and schema-validated configuration file: its sections in document order. */
public record ConfigFile(Path file, List<SectionOccurrence> occurrences) {

    /** The section occurrences that target {@code relativePath} (normalised, compared ignoring case). */
    public List<SectionOccurrence> targeting(String relativePath) {
        return occurrences.stream().filter(o -> o.targetPath().equalsIgnoreCase(relativePath)).toList();
    }
}
