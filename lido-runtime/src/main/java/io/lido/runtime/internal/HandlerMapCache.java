package io.lido.runtime.internal;

import io.lido.api.HttpHandler;
import io.lido.config.WebConfig;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Compiled handler maps per effective configuration. ServerConfig hands out one {@link WebConfig}
 * instance per folder until a file changes, so the instance is the key (by identity: cheap, and a
 * changed configuration is a new instance that compiles anew). Most applications have one handlers
 * configuration, so the last hit is checked before the map.
 */
final class HandlerMapCache {
    /** Enough for every folder of a large site; past it the cache starts over rather than growing. */
    private static final int MAX_ENTRIES = 512;

    private record Hit(WebConfig config, HandlerMap map) {
    }

    private final HandlerTypes types;
    private final HttpHandler staticFileHandler;
    private final Map<WebConfig, HandlerMap> maps = new IdentityHashMap<>();
    private volatile Hit last;

    HandlerMapCache(HandlerTypes types, HttpHandler staticFileHandler) {
        this.types = types;
        this.staticFileHandler = staticFileHandler;
    }

    HandlerMap get(WebConfig config) {
        Hit hit = last;
        if (hit != null && hit.config() == config) {
            return hit.map();
        }
        HandlerMap map;
        synchronized (maps) {
            map = maps.get(config);
        }
        if (map == null) {
            map = HandlerMap.compile(config.section("system.webServer/handlers"), types, staticFileHandler);
            synchronized (maps) {
                if (maps.size() >= MAX_ENTRIES) {
                    maps.clear();
                }
                maps.put(config, map);
            }
        }
        last = new Hit(config, map);
        return map;
    }
}
