package io.lido.config.internal;

/**
 * One section written in a file, at the top level ({@code location} null) or inside a
 * {@code <location>}.
 */
public record SectionOccurrence(SectionRegistry.Definition section, ConfigNode node, LocationTag location) {

    /** The normalised location path relative to the file's level; "" at the top level. */
    public String targetPath() {
        return location == null ? "" : location.path();
    }
}
