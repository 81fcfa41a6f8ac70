package io.lido.config.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an element may contain: typed attributes, child elements, and optionally a collection. Built
 * with {@link #element(String)}; immutable once built.
 */
public final class ElementSchema {
    private final String name;
    private final Map<String, AttributeSchema> attributes;
    private final Map<String, ElementSchema> children;
    private final CollectionSchema collection;
    private final boolean openAttributes;
    private volatile EffectiveElement empty;

    private ElementSchema(Builder b) {
        this.name = b.name;
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
        this.children = Collections.unmodifiableMap(new LinkedHashMap<>(b.children));
        this.collection = b.collection;
        this.openAttributes = b.openAttributes;
    }

    /** Starts a schema for an element named {@code name}. */
    public static Builder element(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public Map<String, AttributeSchema> attributes() {
        return attributes;
    }

    public Map<String, ElementSchema> children() {
        return children;
    }

    /** The collection, or null when this element holds none. */
    public CollectionSchema collection() {
        return collection;
    }

    /** Whether attributes outside the schema are accepted (only for free-form provider settings). */
    public boolean openAttributes() {
        return openAttributes;
    }

    /** This element with nothing written: every attribute at its default, empty collection. */
    EffectiveElement empty() {
        EffectiveElement e = empty;
        if (e == null) {
            e = EffectiveElement.empty(this);
            empty = e;
        }
        return e;
    }

    @Override
    public String toString() {
        return "<" + name + ">";
    }

    /** Fluent construction of an {@link ElementSchema}. */
    public static final class Builder {
        private final String name;
        private final Map<String, AttributeSchema> attributes = new LinkedHashMap<>();
        private final Map<String, ElementSchema> children = new LinkedHashMap<>();
        private CollectionSchema collection;
        private boolean openAttributes;

        private Builder(String name) {
            this.name = name;
        }

        /** An optional attribute with a default ("" for none). */
        public Builder attr(String attribute, AttributeType type, String defaultText) {
            attributes.put(attribute, AttributeSchema.of(attribute, type, defaultText, false));
            return this;
        }

        /** An optional text attribute without default. */
        public Builder text(String... names) {
            for (String n : names) {
                attr(n, AttributeTypes.STRING, "");
            }
            return this;
        }

        /** An optional boolean attribute. */
        public Builder bool(String attribute, boolean defaultValue) {
            return attr(attribute, AttributeTypes.BOOL, String.valueOf(defaultValue));
        }

        /** A required attribute. */
        public Builder required(String attribute, AttributeType type) {
            attributes.put(attribute, AttributeSchema.of(attribute, type, "", true));
            return this;
        }

        /** A required text attribute. */
        public Builder required(String attribute) {
            return required(attribute, AttributeTypes.STRING);
        }

        public Builder child(ElementSchema child) {
            children.put(child.name(), child);
            return this;
        }

        public Builder collection(CollectionSchema c) {
            this.collection = c;
            return this;
        }

        /** An {@code add}/{@code remove}/{@code clear} collection of {@code entry}, keyed by {@code keys}. */
        public Builder collection(ElementSchema entry, String... keys) {
            return collection(CollectionSchema.of(entry, keys));
        }

        /** Accepts any attribute as text, for provider-specific settings. */
        public Builder openAttributes() {
            this.openAttributes = true;
            return this;
        }

        public ElementSchema build() {
            return new ElementSchema(this);
        }
    }
}
