package io.lido.config.internal;

import io.lido.config.ConfigException;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parsed web.config files, cached by path and {@link FileStamp} (modification time and size), so a
 * file is read again only when it changed. A file that fails to parse is cached as its error.
 */
final class WebConfigFiles {
    private final ConfigFileParser parser;
    private final Map<Path, Parsed> cache = new ConcurrentHashMap<>();

    WebConfigFiles(SectionRegistry registry) {
        this.parser = new ConfigFileParser(registry, ConfigFileParser.Kind.WEB_CONFIG);
    }

    /** The parsed file with this stamp. @throws ConfigException when it is invalid */
    ConfigFile get(Path file, FileStamp stamp) {
        Parsed p = cache.get(file);
        if (p == null || !p.stamp.equals(stamp)) {
            p = parse(file, stamp);
            cache.put(file, p);
        }
        if (p.error != null) {
            throw p.error;
        }
        return p.file;
    }

    private Parsed parse(Path file, FileStamp stamp) {
        try {
            return new Parsed(stamp, parser.parse(XmlConfigReader.read(file)), null);
        } catch (ConfigException e) {
            return new Parsed(stamp, null, e);
        }
    }

    private record Parsed(FileStamp stamp, ConfigFile file, ConfigException error) {
    }
}
