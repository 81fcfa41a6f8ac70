package io.lido.config.internal;

import io.lido.config.ConfigElement;
import io.lido.config.SourceLocation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable merged element: the attributes set at some level (others fall back to the schema
 * default), merged children, and the collection entries left after every add/remove/clear. Built by
 * {@link ElementMerger}; each merge step makes a new instance, so a parent level's elements are shared
 * safely by every level below.
 */
public final class EffectiveElement implements ConfigElement {
    private final String name;
    private final ElementSchema schema;
    private final Map<String, ConfigNode.Value> attributes;
    private final Map<String, EffectiveElement> children;
    private final List<ConfigElement> entries;
    private final SourceLocation location;

    EffectiveElement(String name, ElementSchema schema, Map<String, ConfigNode.Value> attributes,
                     Map<String, EffectiveElement> children, List<ConfigElement> entries, SourceLocation location) {
        this.name = name;
        this.schema = schema;
        this.attributes = attributes;
        this.children = children;
        this.entries = entries;
        this.location = location;
    }

    static EffectiveElement empty(ElementSchema schema) {
        return new EffectiveElement(schema.name(), schema, Map.of(), Map.of(), List.of(), null);
    }

    ElementSchema schema() {
        return schema;
    }

    Map<String, ConfigNode.Value> attributes() {
        return attributes;
    }

    Map<String, EffectiveElement> children() {
        return children;
    }

    List<ConfigElement> entries() {
        return entries;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String attribute(String attribute) {
        ConfigNode.Value v = attributes.get(attribute);
        if (v != null) {
            // Enumerations and flags answer in the schema's spelling, whatever case was written.
            return v.value() instanceof String canonical ? canonical : v.text();
        }
        return definition(attribute).defaultText();
    }

    @Override
    public boolean bool(String attribute) {
        return typed(attribute, Boolean.class);
    }

    @Override
    public int integer(String attribute) {
        return typed(attribute, Number.class).intValue();
    }

    @Override
    public long longValue(String attribute) {
        return typed(attribute, Number.class).longValue();
    }

    @Override
    public Duration duration(String attribute) {
        return typed(attribute, Duration.class);
    }

    /** The typed value (Boolean, Integer, Long, Duration, LocalTime or String), or null if none. */
    public Object value(String attribute) {
        ConfigNode.Value v = attributes.get(attribute);
        return v != null ? v.value() : definition(attribute).defaultValue();
    }

    /** Whether some level wrote this attribute (as opposed to the schema default applying). */
    public boolean isSet(String attribute) {
        definition(attribute);
        return attributes.containsKey(attribute);
    }

    @Override
    public ConfigElement child(String child) {
        EffectiveElement c = children.get(child);
        if (c != null) {
            return c;
        }
        ElementSchema childSchema = schema.children().get(child);
        if (childSchema == null) {
            throw new IllegalArgumentException("<" + name + "> has no child element <" + child + "> (allowed: "
                    + String.join(", ", schema.children().keySet()) + ")");
        }
        return childSchema.empty();
    }

    @Override
    public List<ConfigElement> collection() {
        return entries;
    }

    @Override
    public Optional<SourceLocation> location() {
        return Optional.ofNullable(location);
    }

    private <T> T typed(String attribute, Class<T> type) {
        Object value = value(attribute);
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("attribute \"" + attribute + "\" of <" + name + "> is "
                    + (value == null ? "not set and has no default" : "not a " + type.getSimpleName()));
        }
        return type.cast(value);
    }

    private AttributeSchema definition(String attribute) {
        AttributeSchema a = schema.attributes().get(attribute);
        if (a == null) {
            if (schema.openAttributes()) {
                return AttributeSchema.of(attribute, AttributeTypes.STRING, "", false);
            }
            throw new IllegalArgumentException("<" + name + "> has no attribute \"" + attribute + "\" (allowed: "
                    + String.join(", ", schema.attributes().keySet()) + ")");
        }
        return a;
    }

    @Override
    public String toString() {
        return ElementDescriptions.describe(name, attributes) + (location == null ? "" : " at " + location);
    }
}
