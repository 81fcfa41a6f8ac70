package io.lido.config.internal;

import java.util.List;
import java.util.Map;

/**
 * How an element holds a collection, IIS style: the element names that add an entry (usually
 * {@code add}; {@code mimeMap}, {@code error}, {@code allow}/{@code deny} in some sections), the names of
 * {@code remove} and {@code clear} (null when the collection has none), and the attributes that form
 * an entry's key. A duplicate key is an error unless {@code allowDuplicates}.
 *
 * <p>With {@code childFirst}, the entries a level writes come before the ones it inherits, as in the .NET
 * configuration's "alternate" collections ({@code system.web/authorization}: the rules of the folder's own
 * web.config are evaluated before its parents'); otherwise a level's entries follow the inherited ones.
 */
public record CollectionSchema(Map<String, ElementSchema> addElements, String removeName, String clearName,
                               List<String> keys, boolean allowDuplicates, boolean childFirst) {

    /** A collection whose levels append their entries after the inherited ones. */
    public CollectionSchema(Map<String, ElementSchema> addElements, String removeName, String clearName,
                            List<String> keys, boolean allowDuplicates) {
        this(addElements, removeName, clearName, keys, allowDuplicates, false);
    }

    /** The common shape: {@code <add>} entries, {@code <remove>}, {@code <clear>}, keyed by {@code keys}. */
    public static CollectionSchema of(ElementSchema entry, String... keys) {
        return new CollectionSchema(Map.of(entry.name(), entry), "remove", "clear", List.of(keys), false);
    }

    boolean isDirective(String element) {
        return addElements.containsKey(element) || element.equals(removeName) || element.equals(clearName);
    }
}
