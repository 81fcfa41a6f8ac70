package io.lido.activation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One object a list verb reports, as appcmd does: its type ({@code WP}, {@code APPPOOL}, {@code APP},
 * {@code REQUEST}), its name, and its attributes in the order they are shown. {@link ListFormat} renders a list
 * of them as appcmd's text, as JSON or as appcmd's {@code /xml}. Values are strings or numbers.
 */
public record ListRecord(String type, String name, Map<String, Object> attributes) {
    public ListRecord {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** Starts a record; {@link Builder#add} keeps the order of the attributes. */
    public static Builder of(String type, String name) {
        return new Builder(type, name);
    }

    /** Collects the attributes of one record. */
    public static final class Builder {
        private final String type;
        private final String name;
        private final Map<String, Object> attributes = new LinkedHashMap<>();

        private Builder(String type, String name) {
            this.type = type;
            this.name = name;
        }

        /** Adds an attribute; a null value is left out. */
        public Builder add(String key, Object value) {
            if (value != null) {
                attributes.put(key, value);
            }
            return this;
        }

        public ListRecord build() {
            return new ListRecord(type, name, attributes);
        }
    }
}
