package io.lido.config.internal;

import io.lido.config.ConfigElement;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Lido's built-in lowest configuration level, the resource {@code lido-defaults.config}: what IIS ships
 * in its own applicationHost.config (default documents, hidden segments, denied file extensions), so
 * a Lido applicationHost.config can stay short. Read with the same parser as every other file.
 */
final class BuiltInDefaults {
    /** The name the built-in file has in locations and messages. */
    static final Path FILE = Path.of("(built-in)", "lido-defaults.config");

    private BuiltInDefaults() {
    }

    static ConfigFile read(SectionRegistry registry) {
        try (InputStream in = BuiltInDefaults.class.getResourceAsStream("lido-defaults.config")) {
            if (in == null) {
                throw new IllegalStateException("resource lido-defaults.config is missing from lido-config");
            }
            return new ConfigFileParser(registry, ConfigFileParser.Kind.DEFAULTS).parse(XmlConfigReader.read(in, FILE));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the built-in lido-defaults.config", e);
        }
    }

    /** Whether a collection entry comes from the built-in defaults. */
    static boolean isBuiltIn(ConfigElement entry) {
        return entry.location().map(l -> l.file().equals(FILE)).orElse(false);
    }

    /** Whether {@code file} may restate built-in entries: applicationHost.config, not a web.config. */
    static boolean mayRestate(Path file) {
        Path name = file.getFileName();
        return !file.equals(FILE) && (name == null || !name.toString().equalsIgnoreCase("web.config"));
    }
}
