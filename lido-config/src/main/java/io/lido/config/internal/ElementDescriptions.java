package io.lido.config.internal;

import java.util.List;
import java.util.Map;

/**
 * Formats an element for error messages the way an administrator finds it in the file: the tag name
 * plus the attribute that identifies it (its key), e.g. {@code <add name="DefaultAppPool">}.
 */
final class ElementDescriptions {
    private static final List<String> IDENTIFYING = List.of("name", "path", "key", "segment",
            "fileExtension", "value", "statusCode", "verb", "sequence", "bindingInformation", "id", "ipAddress");

    private ElementDescriptions() {
    }

    static String describe(String name, Map<String, ?> attributes) {
        for (String candidate : IDENTIFYING) {
            Object value = attributes.get(candidate);
            if (value instanceof ConfigNode.Value v) {
                value = v.text();
            }
            if (value != null) {
                return "<" + name + " " + candidate + "=\"" + value + "\">";
            }
        }
        return "<" + name + ">";
    }
}
