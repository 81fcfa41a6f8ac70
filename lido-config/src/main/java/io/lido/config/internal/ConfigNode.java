package io.lido.config.internal;

import io.lido.config.SourceLocation;

import java.util.List;
import java.util.Map;

/**
 * One element of a configuration file after schema validation: attributes are typed, children are
 * known to the schema. What the merge reads.
 */
public record ConfigNode(String name, ElementSchema schema, Map<String, Value> attributes,
                         List<ConfigNode> children, SourceLocation location) {

    /** An attribute as written and as parsed by its type. */
    public record Value(String text, Object value) {
    }

    /** The element for error messages, e.g. {@code <add name="x">}. */
    public String describe() {
        return ElementDescriptions.describe(name, attributes);
    }
}
