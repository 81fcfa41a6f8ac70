package io.lido.config.internal;

import io.lido.config.ConfigElement;
import io.lido.config.ConfigException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Applies one written element on top of the effective element inherited from the levels above, with
 * IIS semantics: an attribute written here wins; child elements merge recursively; in a collection
 * {@code add} appends (a key already present is an error naming both places, unless removed first),
 * {@code remove} drops the entry with that key (a key that is not there is ignored, as IIS does), and
 * {@code clear} drops everything inherited so far. In a {@link CollectionSchema#childFirst() child-first}
 * collection the entries written at a level go before the inherited ones, in the order written.
 */
public final class ElementMerger {
    private ElementMerger() {
    }

    /** The effective element after writing {@code node} below {@code inherited}. */
    public static EffectiveElement merge(EffectiveElement inherited, ConfigNode node) {
        return merge(inherited, node, false);
    }

    /**
     * As {@link #merge(EffectiveElement, ConfigNode)}; with {@code restateBuiltIns}, entries are added
     * before the built-in ones and an {@code add} whose key came from the built-in defaults replaces
     * that entry instead of being a duplicate. applicationHost.config is the administrator's copy of
     * IIS's shipped file, so it may restate a shipped entry (e.g. {@code index.html} in defaultDocument),
     * and what it adds comes first, as IIS Manager puts a new default document at the top; a web.config
     * may not restate and always appends.
     */
    public static EffectiveElement merge(EffectiveElement inherited, ConfigNode node, boolean restateBuiltIns) {
        Map<String, ConfigNode.Value> attributes = new LinkedHashMap<>(inherited.attributes());
        attributes.putAll(node.attributes());
        Map<String, EffectiveElement> children = new LinkedHashMap<>(inherited.children());
        CollectionSchema collection = node.schema().collection();
        List<ConfigElement> entries = collection == null ? List.of() : new ArrayList<>(inherited.entries());
        int written = 0;
        for (ConfigNode child : node.children()) {
            if (collection != null && collection.isDirective(child.name())) {
                written = apply(collection, entries, child, restateBuiltIns, written);
            } else {
                EffectiveElement base = children.get(child.name());
                children.put(child.name(), merge(base != null ? base : child.schema().empty(), child, restateBuiltIns));
            }
        }
        return new EffectiveElement(node.name(), node.schema(), Collections.unmodifiableMap(attributes),
                Collections.unmodifiableMap(children), Collections.unmodifiableList(entries), node.location());
    }

    /**
     * Lays {@code top} over {@code base} (both already merged), for the IIS "defaults" elements
     * ({@code applicationPoolDefaults}, {@code siteDefaults}): attributes of {@code top} win, children
     * combine recursively, and collection entries of {@code top} replace base entries with the same key.
     */
    public static EffectiveElement overlay(EffectiveElement base, EffectiveElement top) {
        Map<String, ConfigNode.Value> attributes = new LinkedHashMap<>(base.attributes());
        attributes.putAll(top.attributes());
        Map<String, EffectiveElement> children = new LinkedHashMap<>(base.children());
        top.children().forEach((name, child) -> children.merge(name, child, ElementMerger::overlay));
        CollectionSchema collection = top.schema().collection();
        List<ConfigElement> entries = new ArrayList<>();
        if (collection != null) {
            for (ConfigElement entry : base.entries()) {
                List<String> key = key(collection, (EffectiveElement) entry);
                if (top.entries().stream().noneMatch(t -> key(collection, (EffectiveElement) t).equals(key))) {
                    entries.add(entry);
                }
            }
            entries.addAll(top.entries());
        }
        return new EffectiveElement(top.name(), top.schema(), Collections.unmodifiableMap(attributes),
                Collections.unmodifiableMap(children), Collections.unmodifiableList(entries),
                top.location().orElse(base.location().orElse(null)));
    }

    /**
     * Applies one add, remove or clear; {@code written} is how many entries at the head of {@code entries} this
     * level wrote (used by child-first collections), and the count after this directive is returned.
     */
    private static int apply(CollectionSchema collection, List<ConfigElement> entries, ConfigNode directive,
                             boolean restateBuiltIns, int written) {
        String name = directive.name();
        if (name.equals(collection.clearName())) {
            entries.clear();
            return 0;
        } else if (name.equals(collection.removeName())) {
            List<String> key = key(collection, directive);
            int left = written;
            for (int i = entries.size() - 1; i >= 0; i--) {
                if (key(collection, (EffectiveElement) entries.get(i)).equals(key)) {
                    entries.remove(i);
                    if (i < written) {
                        left--;
                    }
                }
            }
            return left;
        } else {
            EffectiveElement entry = merge(directive.schema().empty(), directive, restateBuiltIns);
            if (!collection.allowDuplicates()) {
                List<String> key = key(collection, entry);
                if (restateBuiltIns) {
                    entries.removeIf(e -> BuiltInDefaults.isBuiltIn(e) && key(collection, (EffectiveElement) e).equals(key));
                }
                for (ConfigElement existing : entries) {
                    if (key(collection, (EffectiveElement) existing).equals(key)) {
                        throw new ConfigException(directive.location(), directive.describe()
                                + " cannot be added: an entry with " + describeKey(collection, entry)
                                + " was already added at " + existing.location().map(Object::toString).orElse("a built-in default")
                                + " (remove it first with <" + collection.removeName() + "> to replace it)");
                    }
                }
            }
            if (collection.childFirst()) {
                entries.add(written, entry);
                return written + 1;
            }
            entries.add(restateBuiltIns ? firstBuiltIn(entries) : entries.size(), entry);
            return written;
        }
    }

    private static int firstBuiltIn(List<ConfigElement> entries) {
        for (int i = 0; i < entries.size(); i++) {
            if (BuiltInDefaults.isBuiltIn(entries.get(i))) {
                return i;
            }
        }
        return entries.size();
    }

    private static List<String> key(CollectionSchema collection, ConfigNode directive) {
        List<String> key = new ArrayList<>(collection.keys().size());
        for (String k : collection.keys()) {
            ConfigNode.Value v = directive.attributes().get(k);
            String text = v != null ? v.text()
                    : directive.schema().attributes().get(k).defaultText();
            key.add(normalize(text));
        }
        return key;
    }

    private static List<String> key(CollectionSchema collection, EffectiveElement entry) {
        List<String> key = new ArrayList<>(collection.keys().size());
        for (String k : collection.keys()) {
            key.add(normalize(entry.attribute(k)));
        }
        return key;
    }

    // IIS compares collection keys without regard to case (they are mostly names, extensions, paths).
    private static String normalize(String text) {
        return text.trim().toLowerCase(Locale.ROOT);
    }

    private static String describeKey(CollectionSchema collection, EffectiveElement entry) {
        List<String> parts = new ArrayList<>();
        for (String k : collection.keys()) {
            parts.add(k + "=\"" + entry.attribute(k) + "\"");
        }
        return String.join(" ", parts);
    }
}
