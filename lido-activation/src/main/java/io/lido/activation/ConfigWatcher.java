package io.lido.activation;

import io.lido.config.ConfigException;
import io.lido.config.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Notices a change of {@code applicationHost.config} (WAS listens for configuration changes the same
 * way) by comparing its modification time and size at every {@link #check()}; a changed file is loaded
 * and handed on. An invalid file is reported and ignored: the running pools keep their settings.
 * Not thread-safe: one timer thread calls {@link #check()}.
 */
final class ConfigWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

    private final Path file;
    private final Function<Path, ServerConfig> loader;
    private final Consumer<ServerConfig> onChange;
    private Object lastSeen;

    ConfigWatcher(Path file, Function<Path, ServerConfig> loader, Consumer<ServerConfig> onChange) {
        this.file = file;
        this.loader = loader;
        this.onChange = onChange;
        this.lastSeen = stamp();
    }

    /** Loads and hands on the configuration if the file changed since the previous check. */
    void check() {
        Object now = stamp();
        if (Objects.equals(now, lastSeen)) {
            return;
        }
        lastSeen = now;
        if (now == null) {
            LOG.warn("The configuration file {} is gone; the pools keep their current settings", file);
            return;
        }
        ServerConfig config;
        try {
            config = loader.apply(file);
        } catch (ConfigException e) {
            LOG.error("The changed configuration is invalid; the pools keep their current settings: {}",
                    e.getMessage());
            return;
        }
        LOG.info("{} changed: application pool settings apply now (pools whose settings changed recycle);"
                + " site and binding changes take effect when Lido restarts", file);
        onChange.accept(config);
    }

    private Object stamp() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            FileTime modified = attributes.lastModifiedTime();
            return modified.toMillis() + ":" + attributes.size();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the attributes of " + file, e);
        }
    }
}
