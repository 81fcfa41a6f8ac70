package io.lido.config.internal;

/**
 * One attribute an element may carry: its type, its default (as written in IIS's schema, already
 * parsed) and whether it must be written.
 *
 * @param defaultText the default as text ("" when the attribute has none)
 * @param defaultValue the parsed default, or null when there is none
 */
public record AttributeSchema(String name, AttributeType type, String defaultText, Object defaultValue,
                              boolean required) {

    static AttributeSchema of(String name, AttributeType type, String defaultText, boolean required) {
        Object parsed = defaultText == null || defaultText.isEmpty() && type != AttributeTypes.STRING
                ? null : type.parse(defaultText);
        return new AttributeSchema(name, type, defaultText == null ? "" : defaultText, parsed, required);
    }
}
