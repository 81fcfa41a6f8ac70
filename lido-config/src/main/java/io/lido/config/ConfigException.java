package io.lido.config;

/**
 * A configuration file is invalid. The message names the file, line, element and attribute and says
 * what would be valid, e.g. {@code conf/applicationHost.config:12: <add name="X"> attribute
 * "queueLength": "abc" is not a whole number (allowed: 10..65535)}.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient SourceLocation location;

    public ConfigException(SourceLocation location, String message) {
        super(location == null ? message : location + ": " + message);
        this.location = location;
    }

    /** Where the error is, or null when it is not in one file (e.g. a missing file). */
    public SourceLocation location() {
        return location;
    }
}
