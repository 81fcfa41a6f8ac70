package io.lido.modules.staticfile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The built-in MIME map (resource {@code default-mime-types.properties}), below every
 * {@code staticContent/mimeMap} entry. Like IIS, an extension missing from the effective map is not
 * served (404.3), so nothing unexpected (a .jar, a .properties) leaves the server by accident.
 */
final class DefaultMimeTypes {
    private static final Map<String, String> MAP = load();

    private DefaultMimeTypes() {
    }

    /** Lower-case extension with its dot → MIME type. */
    static Map<String, String> map() {
        return MAP;
    }

    private static Map<String, String> load() {
        Properties properties = new Properties();
        try (InputStream in = DefaultMimeTypes.class.getResourceAsStream("default-mime-types.properties")) {
            if (in == null) {
                throw new IllegalStateException("default-mime-types.properties is missing from the lido-modules jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read default-mime-types.properties", e);
        }
        Map<String, String> map = new TreeMap<>();
        properties.forEach((key, value) -> map.put(key.toString().toLowerCase(Locale.ROOT), value.toString()));
        return Map.copyOf(map);
    }
}
