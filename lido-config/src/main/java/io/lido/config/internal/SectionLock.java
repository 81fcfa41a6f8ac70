package io.lido.config.internal;

import java.nio.file.Path;

/**
 * The lock state of one section from some level down, set by a {@code <location overrideMode=...>}.
 *
 * @param locked whether lower levels may not set the section
 * @param file   the file that wrote the location
 * @param depth  the level the location applies to (0 server, 1 site root, 2 first folder, ...)
 * @param tag    the location element, for messages
 */
record SectionLock(boolean locked, Path file, int depth, LocationTag tag) {

    /** Whether an occurrence in {@code otherFile} at {@code otherDepth} is below this lock. */
    boolean forbids(Path otherFile, int otherDepth) {
        // Inside the file that locked it, the section may still be written for the same path.
        return locked && (!file.equals(otherFile) || otherDepth > depth);
    }
}
