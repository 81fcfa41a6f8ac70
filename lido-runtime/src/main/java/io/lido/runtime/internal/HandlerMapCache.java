package io.lido.runtime.internal;

import io.lido.api.HttpHandler;
import io.lido.config.ConfigElement;
import io.lido.config.WebConfig;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Compiled handler maps per effective {@code handlers} section. The configuration shares one merged
 * section instance between every folder that does not change it, and makes a new one when a file
 * changes, so the instance is the key (by identity: cheap, and a change compiles anew). Most
 * applications have one handlers configuration, so the last hit is checked before the map; a section
 * with no entries needs no compiling at all.
 */
final class HandlerMapCache {
    /** Enough for every folder of a large site; past it the cache starts over rather than growing. */
    private static final int MAX_ENTRIES = 512;

    private record Hit(ConfigElement section, HandlerMap map) {
    }

    private final HandlerTypes types;
    private final HttpHandler staticFileHandler;
    private final Map<ConfigElement, HandlerMap> maps = new IdentityHashMap<>();
    private final HandlerMap staticOnly;
    private final boolean classicPipeline;
    private final Function<ConfigElement, HttpHandler> moduleHandlers;
    private volatile Hit last;

    HandlerMapCache(HandlerTypes types, HttpHandler staticFileHandler, boolean classicPipeline) {
        this(types, staticFileHandler, entry -> null, classicPipeline);
    }

    HandlerMapCache(HandlerTypes types, HttpHandler staticFileHandler,
                    Function<ConfigElement, HttpHandler> moduleHandlers, boolean classicPipeline) {
        this.moduleHandlers = moduleHandlers;
        this.classicPipeline = classicPipeline;
        this.types = types;
        this.staticFileHandler = staticFileHandler;
        this.staticOnly = HandlerMap.staticOnly(staticFileHandler);
    }

    HandlerMap get(WebConfig config) {
        ConfigElement section = config.section("system.webServer/handlers");
        Hit hit = last;
        if (hit != null && hit.section() == section) {
            return hit.map();
        }
        if (section.collection().isEmpty()) {
            return staticOnly;
        }
        HandlerMap map;
        synchronized (maps) {
            map = maps.get(section);
        }
        if (map == null) {
            map = HandlerMap.compile(section, types, staticFileHandler, moduleHandlers, classicPipeline);
            synchronized (maps) {
                if (maps.size() >= MAX_ENTRIES) {
                    maps.clear();
                }
                maps.put(section, map);
            }
        }
        last = new Hit(section, map);
        return map;
    }
}
