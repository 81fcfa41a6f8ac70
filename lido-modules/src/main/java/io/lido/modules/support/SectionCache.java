package io.lido.modules.support;

import io.lido.config.ConfigElement;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;

/**
 * Compiles a configuration section into a module's own immutable rules once per effective section
 * instance, so the per-request cost is one map lookup instead of walking collections.
 *
 * <p>The configuration system caches the merged sections per folder and replaces them when a file
 * changes; keys are weak, so rules compiled for a replaced section go away with it. Shared by every
 * pooled module instance; thread-safe.
 *
 * @param <T> the compiled form
 */
public final class SectionCache<T> {
    private final Map<ConfigElement, T> compiled = new WeakHashMap<>();
    private final Function<ConfigElement, T> compiler;

    public SectionCache(Function<ConfigElement, T> compiler) {
        this.compiler = compiler;
    }

    /** The compiled form of this section, compiling it on first use. */
    public T get(ConfigElement section) {
        synchronized (compiled) {
            T rules = compiled.get(section);
            if (rules == null) {
                rules = compiler.apply(section);
                compiled.put(section, rules);
            }
            return rules;
        }
    }
}
