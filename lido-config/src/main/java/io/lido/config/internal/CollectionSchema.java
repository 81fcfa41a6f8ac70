package io.lido.config.internal;

import java.util.List;
import java.util.Map;

/**
 * How an element holds a collection, IIS style: the element names that add an entry (usually
 * {@code add}; {@code mimeMap}, {@code error}, {@code allow}/{@code deny} in some sections), the names of
 * {@code remove} and {@code clear} (null when the collection has none), and the attributes that form
 * an entry's key. A duplicate key is an error unless {@code allowDuplicates}.
 */
public record CollectionSchema(Map<String, ElementSchema> addElements, String removeName, String clearName,
                               List<String> keys, boolean allowDuplicates) {

    /** The common shape: {@code <add>} entries, {@code <remove>}, {@code <clear>}, keyed by {@code keys}. */
    public static CollectionSchema of(ElementSchema entry, String... keys) {
        return new CollectionSchema(Map.of(entry.name(), entry), "remove", "clear", List.of(keys), false);
    }

    boolean isDirective(String element) {
        return addElements.containsKey(element) || element.equals(removeName) || element.equals(clearName);
    }
}
