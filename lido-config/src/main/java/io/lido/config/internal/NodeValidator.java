package io.lido.config.internal;

import io.lido.config.ConfigException;
import io.lido.config.internal.AttributeType.InvalidValueException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks an element written in a file against its schema and types its attributes. Unknown elements
 * and attributes, invalid values, missing required attributes and a repeated single child are
 * errors naming the file, line, element and attribute and saying what is allowed. So is whatever the
 * schema marks as not implemented yet ("not supported yet"): an element, the remove/clear of a
 * collection, or an attribute written with a value other than its harmless ones.
 */
public final class NodeValidator {
    private NodeValidator() {
    }

    /** Validates {@code element} (and everything below it) as an instance of {@code schema}. */
    public static ConfigNode validate(XmlElement element, ElementSchema schema) {
        if (schema.unsupportedFeature() != null) {
            throw notSupported(element, null, schema.unsupportedFeature());
        }
        Map<String, ConfigNode.Value> attributes = attributes(element, schema.attributes(), schema.openAttributes());
        List<ConfigNode> children = new ArrayList<>();
        Set<String> singles = new HashSet<>();
        CollectionSchema collection = schema.collection();
        for (XmlElement child : element.children()) {
            String name = child.name();
            if (collection != null && collection.isDirective(name)) {
                ElementSchema directive = directiveSchema(collection, name);
                String unsupported = collection.addElements().containsKey(name) ? directive.unsupportedFeature()
                        : schema.unsupportedRemoval();
                if (unsupported != null) {
                    throw notSupported(child, element, unsupported);
                }
                children.add(validate(child, directive));
            } else if (schema.children().containsKey(name)) {
                if (!singles.add(name)) {
                    throw new ConfigException(child.location(), "<" + name + "> may appear only once in "
                            + element.describe());
                }
                ElementSchema childSchema = schema.children().get(name);
                if (childSchema.unsupportedFeature() != null) {
                    throw notSupported(child, element, childSchema.unsupportedFeature());
                }
                children.add(validate(child, childSchema));
            } else {
                throw new ConfigException(child.location(), "<" + name + "> is not allowed in "
                        + element.describe() + " (allowed: " + allowedChildren(schema) + ")");
            }
        }
        ConfigNode node = new ConfigNode(element.name(), schema, Collections.unmodifiableMap(attributes),
                List.copyOf(children), element.location());
        if (schema.check() != null) {
            schema.check().accept(node);
        }
        return node;
    }

    private static Map<String, ConfigNode.Value> attributes(XmlElement element, Map<String, AttributeSchema> known,
                                                            boolean open) {
        Map<String, ConfigNode.Value> out = new LinkedHashMap<>();
        element.attributes().forEach((name, text) -> {
            if (name.equals("xmlns") || name.startsWith("xmlns:")) {
                return;
            }
            AttributeSchema attribute = known.get(name);
            if (attribute == null) {
                if (open) {
                    out.put(name, new ConfigNode.Value(text, text));
                    return;
                }
                throw new ConfigException(element.location(), element.describe() + " has no attribute \"" + name
                        + "\" (allowed: " + (known.isEmpty() ? "none" : String.join(", ", known.keySet())) + ")");
            }
            Object value;
            try {
                value = attribute.type().parse(text);
            } catch (InvalidValueException e) {
                throw new ConfigException(element.location(), element.describe() + " attribute \"" + name + "\": \""
                        + text + "\" " + e.getMessage());
            }
            if (!attribute.supports(value)) {
                throw new ConfigException(element.location(), element.describe() + " attribute \"" + name + "\": \""
                        + text + "\" is not supported yet (allowed until it is: " + attribute.harmless().description()
                        + ")");
            }
            out.put(name, new ConfigNode.Value(text, value));
        });
        for (AttributeSchema attribute : known.values()) {
            if (attribute.required() && !out.containsKey(attribute.name())) {
                throw new ConfigException(element.location(), element.describe() + " attribute \""
                        + attribute.name() + "\" is required");
            }
        }
        return out;
    }

    private static ConfigException notSupported(XmlElement element, XmlElement parent, String feature) {
        return new ConfigException(element.location(), element.describe()
                + (parent == null ? "" : " in " + parent.describe()) + " is not supported yet: " + feature);
    }

    /** The schema of an add, remove or clear element of a collection. */
    static ElementSchema directiveSchema(CollectionSchema collection, String name) {
        ElementSchema add = collection.addElements().get(name);
        if (add != null) {
            return add;
        }
        ElementSchema.Builder b = ElementSchema.element(name);
        if (name.equals(collection.removeName())) {
            for (String key : collection.keys()) {
                AttributeSchema entryKey = collection.addElements().values().iterator().next().attributes().get(key);
                String first = AttributeTypes.firstChoice(entryKey.type());
                if (entryKey.required() && first != null) {
                    // IIS gives an enumeration key left out of a remove its first value: IIS Manager writes
                    // <remove users="*" roles="" verbs="" /> for authorization's inherited Allow rule.
                    b.attr(key, entryKey.type(), first);
                } else if (entryKey.required()) {
                    b.required(key, entryKey.type());
                } else {
                    b.attr(key, entryKey.type(), entryKey.defaultText());
                }
            }
        }
        return b.build();
    }

    private static String allowedChildren(ElementSchema schema) {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        names.addAll(schema.children().keySet());
        CollectionSchema c = schema.collection();
        if (c != null) {
            names.addAll(c.addElements().keySet());
            if (c.removeName() != null) {
                names.add(c.removeName());
            }
            if (c.clearName() != null) {
                names.add(c.clearName());
            }
        }
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
