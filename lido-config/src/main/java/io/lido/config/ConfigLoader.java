package io.lido.config;

import java.nio.file.Path;

/** Loads and validates {@code applicationHost.config}. */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /**
     * Parses and validates the server configuration. Relative paths in it resolve against the folder
     * that holds the file.
     *
     * @throws ConfigException naming the file, line, element and attribute of the first error
     */
    public static ServerConfig load(Path applicationHostConfig) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
