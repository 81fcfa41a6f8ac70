package io.lido.config.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One attribute an element may carry: its type, its default (as written in IIS's schema, already
 * parsed), whether it must be written, and whether Lido implements it.
 *
 * <p>An attribute Lido parses but does not implement yet has {@link Harmless} values: they ask for
 * nothing Lido fails to do (usually the default). A file that writes any other value is refused with
 * "not supported yet", so a setting is never accepted and silently ignored.
 *
 * @param defaultText the default as text ("" when the attribute has none)
 * @param defaultValue the parsed default, or null when there is none
 * @param harmless null when every valid value takes effect; else the only values that may be written
 */
public record AttributeSchema(String name, AttributeType type, String defaultText, Object defaultValue,
                              boolean required, Harmless harmless) {

    /**
     * The values of a not implemented attribute that may be written.
     *
     * @param test whether a parsed value is harmless
     * @param description the harmless values, for messages (e.g. {@code true} or {@code "", v4.0})
     */
    public record Harmless(Predicate<Object> test, String description) {
    }

    static AttributeSchema of(String name, AttributeType type, String defaultText, boolean required) {
        Object parsed = defaultText == null || defaultText.isEmpty() && type != AttributeTypes.STRING
                ? null : type.parse(defaultText);
        return new AttributeSchema(name, type, defaultText == null ? "" : defaultText, parsed, required, null);
    }

    /**
     * This attribute marked not implemented: only the {@code harmless} values (texts in the attribute's
     * type) may be written; with none given, only the default.
     */
    AttributeSchema notSupported(String... harmless) {
        List<String> texts = harmless.length == 0 ? List.of(defaultText) : List.of(harmless);
        List<Object> values = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        for (String text : texts) {
            values.add(text.isEmpty() && type != AttributeTypes.STRING ? "" : type.parse(text));
            shown.add(text.isEmpty() ? "\"\"" : text);
        }
        return notSupported(new Harmless(value -> values.stream().anyMatch(v -> same(v, value)),
                String.join(", ", shown)));
    }

    /** This attribute marked not implemented: only values that pass {@code harmless} may be written. */
    AttributeSchema notSupported(Harmless harmless) {
        return new AttributeSchema(name, type, defaultText, defaultValue, required, harmless);
    }

    /** Whether writing {@code value} (parsed by this attribute's type) takes effect or is harmless. */
    boolean supports(Object value) {
        return harmless == null || harmless.test().test(value);
    }

    /** Texts compare in any case and, for flags ("Date,Time"), in any order. */
    private static boolean same(Object harmless, Object value) {
        return harmless instanceof String h && value instanceof String v ? parts(h).equals(parts(v))
                : Objects.equals(harmless, value);
    }

    private static Set<String> parts(String text) {
        Set<String> parts = new HashSet<>();
        for (String part : text.split(",", -1)) {
            parts.add(part.trim().toLowerCase(Locale.ROOT));
        }
        return parts;
    }
}
