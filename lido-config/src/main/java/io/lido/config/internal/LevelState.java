package io.lido.config.internal;

import io.lido.config.ConfigElement;
import io.lido.config.WebConfig;

import java.util.List;
import java.util.Map;

/**
 * The effective configuration at one level (server, site root, or a folder): the merged sections,
 * the section locks in force, and the web.config files whose locations may target deeper levels.
 * Immutable; it is what {@link io.lido.config.ServerConfig#webConfig} returns.
 */
final class LevelState implements WebConfig {
    private final SectionRegistry registry;
    private final Map<String, EffectiveElement> sections;
    private final Map<String, SectionLock> locks;
    private final List<ScopedFile> scope;

    LevelState(SectionRegistry registry, Map<String, EffectiveElement> sections, Map<String, SectionLock> locks,
               List<ScopedFile> scope) {
        this.registry = registry;
        this.sections = sections;
        this.locks = locks;
        this.scope = scope;
    }

    static LevelState empty(SectionRegistry registry) {
        return new LevelState(registry, Map.of(), Map.of(), List.of());
    }

    @Override
    public ConfigElement section(String sectionPath) {
        EffectiveElement e = sections.get(sectionPath);
        if (e != null) {
            return e;
        }
        SectionRegistry.Definition d = registry.section(sectionPath);
        if (d == null) {
            throw new IllegalArgumentException("no configuration section \"" + sectionPath + "\" (known: "
                    + String.join(", ", registry.sections().keySet()) + ")");
        }
        return d.schema().empty();
    }

    SectionRegistry registry() {
        return registry;
    }

    Map<String, EffectiveElement> sections() {
        return sections;
    }

    Map<String, SectionLock> locks() {
        return locks;
    }

    List<ScopedFile> scope() {
        return scope;
    }

    @Override
    public String toString() {
        return "WebConfig" + sections.keySet();
    }
}
