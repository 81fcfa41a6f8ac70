package io.lido.config.internal;

/**
 * A web.config that applies at some level and below: its {@code <location>} elements may target the
 * deeper levels.
 *
 * @param level the folder the file is in, relative to the site root, lower case ("" for the root)
 */
record ScopedFile(ConfigFile file, String level) {

    /** {@code deeperLevel} relative to this file's folder (the location path that would target it). */
    String relative(String deeperLevel) {
        return level.isEmpty() ? deeperLevel : deeperLevel.substring(level.length() + 1);
    }
}
