package io.lido.config.internal;

import io.lido.config.ConfigException;
import io.lido.config.internal.LocationTag.OverrideMode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link LevelState} of one level from its parent's: applies the section occurrences that
 * target the level, in order, refusing a section locked above, and records the locks the level's
 * {@code <location overrideMode>} elements set.
 */
final class LevelBuilder {
    private final LevelState parent;
    private final Map<String, EffectiveElement> sections;
    private final Map<String, SectionLock> locks;
    private final List<ScopedFile> scope;

    LevelBuilder(LevelState parent) {
        this.parent = parent;
        this.sections = new HashMap<>(parent.sections());
        this.locks = new HashMap<>(parent.locks());
        this.scope = new ArrayList<>(parent.scope());
    }

    /** Writes {@code occurrence} from {@code file} at {@code depth} on top of what is inherited. */
    LevelBuilder apply(SectionOccurrence occurrence, Path file, int depth) {
        String path = occurrence.section().path();
        SectionLock lock = locks.get(path);
        LocationTag tag = occurrence.location();
        // The file that locked a section may unlock it for a deeper path with overrideMode="Allow".
        boolean unlocking = tag != null && tag.overrideMode() == OverrideMode.ALLOW && lock != null
                && lock.file().equals(file);
        if (lock != null && lock.forbids(file, depth) && !unlocking) {
            throw new ConfigException(occurrence.node().location(), "<" + occurrence.node().name()
                    + "> may not be set here: the section " + path + " is locked by " + lock.describe());
        }
        EffectiveElement inherited = sections.get(path);
        sections.put(path, ElementMerger.merge(inherited != null ? inherited : occurrence.section().schema().empty(),
                occurrence.node(), BuiltInDefaults.mayRestate(file)));
        if (tag != null && tag.overrideMode() != OverrideMode.INHERIT) {
            locks.put(path, new SectionLock(tag.overrideMode() == OverrideMode.DENY, file, depth, tag));
        }
        return this;
    }

    /**
     * Locks the sections IIS locks by default ({@link SectionRegistry.Definition#lockedByDefault}) for every
     * file but {@code hostFile}: called after the built-in defaults and before applicationHost.config.
     */
    LevelBuilder lockByDefault(SectionRegistry registry, Path hostFile) {
        for (SectionRegistry.Definition d : registry.sections().values()) {
            if (d.lockedByDefault()) {
                locks.putIfAbsent(d.path(), SectionLock.byDefault(hostFile));
            }
        }
        return this;
    }

    /** Applies every occurrence in order. */
    LevelBuilder applyAll(List<SectionOccurrence> occurrences, Path file, int depth) {
        for (SectionOccurrence o : occurrences) {
            apply(o, file, depth);
        }
        return this;
    }

    /** Makes a web.config's locations visible to the levels below. */
    LevelBuilder addScope(ScopedFile file) {
        scope.add(file);
        return this;
    }

    LevelState build() {
        return new LevelState(parent.registry(), Collections.unmodifiableMap(sections),
                Collections.unmodifiableMap(locks), List.copyOf(scope));
    }
}
