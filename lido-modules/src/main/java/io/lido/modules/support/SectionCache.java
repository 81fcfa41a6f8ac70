package io.lido.modules.support;

import io.lido.config.ConfigElement;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Compiles a configuration section into a module's own immutable rules once per effective section
 * instance, so the per-request cost is one lock-free map lookup instead of walking collections.
 *
 * <p>The configuration system caches the merged sections per folder and replaces them when a file
 * changes, so the number of live sections is small; sections replaced by a change stay here until the
 * map reaches {@value #MAX_ENTRIES} entries and is emptied (then everything is compiled again on
 * demand). Shared by every pooled module instance; thread-safe.
 *
 * @param <T> the compiled form
 */
public final class SectionCache<T> {
    static final int MAX_ENTRIES = 4096;

    /** The last section asked for: most sites have one effective section per module, so this is the usual hit. */
    private record Hit<T>(ConfigElement section, T compiled) {
    }

    private final Map<ConfigElement, T> compiled = new ConcurrentHashMap<>();
    private final Function<ConfigElement, T> compiler;
    private volatile Hit<T> last;

    public SectionCache(Function<ConfigElement, T> compiler) {
        this.compiler = compiler;
    }

    /** The compiled form of this section, compiling it on first use. */
    public T get(ConfigElement section) {
        Hit<T> hit = last;
        if (hit != null && hit.section() == section) {
            return hit.compiled();
        }
        T rules = compiled.get(section);
        if (rules == null) {
            if (compiled.size() >= MAX_ENTRIES) {
                compiled.clear();
            }
            rules = compiled.computeIfAbsent(section, compiler);
        }
        last = new Hit<>(section, rules);
        return rules;
    }
}
