package io.lido.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One effective (merged) configuration element, for example {@code system.webServer/staticContent}.
 * Attribute getters return the value set at the closest level, or the schema default when no level set
 * it. Values were validated when the files were loaded, so typed getters do not fail on valid names;
 * asking for an attribute the schema does not define is a programming error (IllegalArgumentException).
 */
public interface ConfigElement {

    /** The element name, e.g. "staticContent". */
    String name();

    /** The attribute as text (effective value or schema default; "" when neither). */
    String attribute(String name);

    boolean bool(String name);

    int integer(String name);

    long longValue(String name);

    /** An IIS time span ("00:20:00", "1.00:00:00") or a plain number of seconds, per the schema. */
    Duration duration(String name);

    /** The child element with that name (an empty one with schema defaults when it is not written). */
    ConfigElement child(String name);

    /**
     * The effective collection of this element ({@code add} entries after every {@code remove} and
     * {@code clear} on the way down), in order. Entries expose their attributes like any element.
     */
    List<ConfigElement> collection();

    /** Where the innermost value of this element was written, if anywhere. */
    Optional<SourceLocation> location();
}
