package io.lido.config.internal;

import io.lido.config.ConfigException;
import io.lido.config.SourceLocation;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves a path written in applicationHost.config: {@code %NAME%} environment variables are expanded
 * (as IIS does for physicalPath), then a relative path resolves against the folder of the config file.
 * Whether the folder exists is the caller's check (SiteBinder refuses a virtual directory without one).
 */
final class PhysicalPaths {
    private static final Pattern VARIABLE = Pattern.compile("%([A-Za-z_][A-Za-z0-9_]*)%");

    private PhysicalPaths() {
    }

    static Path resolve(Path configFolder, String written, String element, String attribute, SourceLocation location,
                        Function<String, String> environment) {
        Matcher m = VARIABLE.matcher(written);
        StringBuilder expanded = new StringBuilder();
        while (m.find()) {
            String value = environment.apply(m.group(1));
            if (value == null) {
                throw new ConfigException(location, element + " attribute \"" + attribute + "\": \"" + written
                        + "\" uses the environment variable %" + m.group(1) + "%, which is not set");
            }
            m.appendReplacement(expanded, Matcher.quoteReplacement(value));
        }
        m.appendTail(expanded);
        try {
            return configFolder.resolve(expanded.toString()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new ConfigException(location, element + " attribute \"" + attribute + "\": \"" + written
                    + "\" is not a valid path: " + e.getMessage());
        }
    }

    static Function<String, String> systemEnvironment() {
        Map<String, String> env = System.getenv();
        return env::get;
    }
}
