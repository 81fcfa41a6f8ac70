package io.lido.config.internal;

import java.nio.file.Path;

/**
 * The lock state of one section from some level down, set by a {@code <location overrideMode=...>}.
 *
 * @param locked whether lower levels may not set the section
 * @param file   the file that wrote the location
 * @param depth  the level the location applies to (0 server, 1 site root, 2 first folder, ...)
 * @param tag    the location element, for messages; null for a section IIS locks by default
 *               ({@code overrideModeDefault="Deny"}), which applicationHost.config may write at any path
 */
record SectionLock(boolean locked, Path file, int depth, LocationTag tag) {

    /** The lock of a section locked by default: every file but applicationHost.config ({@code hostFile}). */
    static SectionLock byDefault(Path hostFile) {
        return new SectionLock(true, hostFile, Integer.MAX_VALUE, null);
    }

    /** What set the lock, for messages. */
    String describe() {
        return tag == null ? "default (overrideModeDefault=\"Deny\", as in IIS; applicationHost.config may unlock it "
                + "for a path with <location path=\"Site/path\" overrideMode=\"Allow\">)"
                : tag.source() + " (" + tag.describe() + ")";
    }

    /** Whether an occurrence in {@code otherFile} at {@code otherDepth} is below this lock. */
    boolean forbids(Path otherFile, int otherDepth) {
        // Inside the file that locked it, the section may still be written for the same path.
        return locked && (!file.equals(otherFile) || otherDepth > depth);
    }
}
