package io.lido.config.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What an element may contain: typed attributes, child elements, and optionally a collection. Built
 * with {@link #element(String)}; immutable once built.
 *
 * <p>What Lido parses but does not implement yet is marked, and a file that writes it is refused
 * with "not supported yet" ({@link NodeValidator}): an attribute with the values that stay harmless
 * ({@link Builder#unsupported(String, String...)}), a whole element ({@link Builder#unsupportedElement}),
 * or the {@code remove}/{@code clear} of a collection ({@link Builder#unsupportedRemoval(String)}).
 */
public final class ElementSchema {
    private final String name;
    private final Map<String, AttributeSchema> attributes;
    private final Map<String, ElementSchema> children;
    private final CollectionSchema collection;
    private final boolean openAttributes;
    private final String unsupportedFeature;
    private final String unsupportedRemoval;
    private final Consumer<ConfigNode> check;
    private volatile EffectiveElement empty;

    private ElementSchema(Builder b) {
        this.name = b.name;
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
        this.children = Collections.unmodifiableMap(new LinkedHashMap<>(b.children));
        this.collection = b.collection;
        this.openAttributes = b.openAttributes;
        this.unsupportedFeature = b.unsupportedFeature;
        this.unsupportedRemoval = b.unsupportedRemoval;
        this.check = b.check;
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

    /** What Lido does not implement when this element is written (e.g. "failed-request tracing"), or null. */
    public String unsupportedFeature() {
        return unsupportedFeature;
    }

    /** Why the {@code remove} and {@code clear} of this element's collection are refused, or null. */
    public String unsupportedRemoval() {
        return unsupportedRemoval;
    }

    /**
     * What this element checks across its attributes once each is valid on its own (throws a
     * ConfigException naming the element), or null.
     */
    Consumer<ConfigNode> check() {
        return check;
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
        private String unsupportedFeature;
        private String unsupportedRemoval;
        private Consumer<ConfigNode> check;

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

        /**
         * Marks the attribute declared before as not implemented yet: a file may write only the
         * {@code harmless} values (none given: only the default) and is refused for any other.
         */
        public Builder unsupported(String attribute, String... harmless) {
            attributes.put(attribute, declared(attribute).notSupported(harmless));
            return this;
        }

        /** Marks the attribute declared before as not implemented: only values {@code harmless} accepts are written. */
        public Builder unsupported(String attribute, AttributeSchema.Harmless harmless) {
            attributes.put(attribute, declared(attribute).notSupported(harmless));
            return this;
        }

        private AttributeSchema declared(String attribute) {
            AttributeSchema declared = attributes.get(attribute);
            if (declared == null) {
                throw new IllegalArgumentException(name + " declares no attribute " + attribute);
            }
            return declared;
        }

        /** Marks every attribute declared before as {@link #unsupported(String, String...)} with its default. */
        public Builder unsupportedAttributes(String... names) {
            for (String n : names) {
                unsupported(n);
            }
            return this;
        }

        /** Marks this element as not implemented: a file that writes it at all is refused. */
        public Builder unsupportedElement(String feature) {
            this.unsupportedFeature = feature;
            return this;
        }

        /** Marks the {@code remove} and {@code clear} of this element's collection as not implemented. */
        public Builder unsupportedRemoval(String feature) {
            this.unsupportedRemoval = feature;
            return this;
        }

        /**
         * A check across attributes (e.g. a subnet mask that must suit its address), run on each
         * occurrence after its attributes are typed; it throws a ConfigException naming the element.
         */
        public Builder check(Consumer<ConfigNode> check) {
            this.check = check;
            return this;
        }

        public ElementSchema build() {
            return new ElementSchema(this);
        }
    }
}
