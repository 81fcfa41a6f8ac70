package io.lido.config;

import io.lido.config.internal.ServerConfigReader;

import java.nio.file.Path;
import java.time.Clock;

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
        return load(applicationHostConfig, Clock.systemUTC());
    }

    /**
     * As {@link #load(Path)}, with the clock that paces re-checking web.config files for changes (at
     * most once per second of this clock), so tests can advance time instead of sleeping.
     */
    public static ServerConfig load(Path applicationHostConfig, Clock clock) {
        return ServerConfigReader.load(applicationHostConfig, clock, System::getenv);
    }

    /**
     * Loads the configuration a worker received from its host ({@link ServerConfig#workerConfiguration}), named
     * after the applicationHost.config it was written from, so that messages give that file's lines. Reads no
     * file but the web.config files of the pool's applications.
     *
     * @throws ConfigException naming the original file, line, element and attribute of the first error
     */
    public static ServerConfig loadWorkerConfiguration(String text, Path applicationHostConfig) {
        return ServerConfigReader.loadWorkerConfiguration(text, applicationHostConfig, Clock.systemUTC(), System::getenv);
    }
}
