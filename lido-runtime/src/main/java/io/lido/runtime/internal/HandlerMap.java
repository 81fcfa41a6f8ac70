package io.lido.runtime.internal;

import io.lido.api.HttpHandler;
import io.lido.config.ConfigElement;
import io.lido.config.ConfigException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The compiled {@code system.webServer/handlers} collection of one configuration level: entries in
 * order, first match of path and verb wins. A path that some entries match but with other verbs gets a
 * 405 handler with their verbs in {@code Allow}; a path no entry matches goes to the static file
 * handler (IIS's catch-all "StaticFile" mapping).
 *
 * <p>An entry without {@code type} names a built-in (IIS native) handler such as StaticFile; Lido maps
 * it to the static file handler. An entry whose {@code preCondition} names the other pipeline mode
 * ({@code integratedMode} in a Classic pool, {@code classicMode} in an Integrated one) is left out, as
 * in IIS; the runtime-version and bitness preconditions always hold on the JVM.
 */
final class HandlerMap {
    private static final String FAST_CGI_MODULE = "FastCgiModule";

    private record Entry(String name, PathPattern path, String[] verbs, HandlerFactory factory) {
        @Override
        public String toString() {
            return "<add name=\"" + name + "\" path=\"" + path.source() + "\" verb=\""
                    + (verbs == null ? "*" : String.join(",", verbs)) + "\"/>";
        }

        boolean allows(String method) {
            if (verbs == null) {
                return true;
            }
            for (String verb : verbs) {
                if (verb.equals(method)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final Entry[] entries;
    private final HandlerFactory staticFiles;

    private HandlerMap(Entry[] entries, HandlerFactory staticFiles) {
        this.entries = entries;
        this.staticFiles = staticFiles;
    }

    /**
     * Compiles the collection, loading every handler type.
     *
     * @throws ConfigException naming the entry's file and line when a path, verb or type is invalid
     */
    static HandlerMap compile(ConfigElement handlers, HandlerTypes types, HttpHandler staticFileHandler,
                              boolean classicPipeline) {
        return compile(handlers, types, staticFileHandler, entry -> null, classicPipeline);
    }

    /**
     * As above; an entry without {@code type} whose {@code modules} is not a static module (FastCgiModule) is served
     * by the handler {@code moduleHandlers} gives for it (see {@link io.lido.runtime.ModuleCatalog#moduleHandler}).
     */
    static HandlerMap compile(ConfigElement handlers, HandlerTypes types, HttpHandler staticFileHandler,
                              Function<ConfigElement, HttpHandler> moduleHandlers, boolean classicPipeline) {
        HandlerFactory staticFiles = HandlerFactory.of(staticFileHandler);
        List<Entry> entries = new ArrayList<>();
        for (ConfigElement add : handlers.collection()) {
            if (!preConditionHolds(add.attribute("preCondition"), classicPipeline)) {
                continue;
            }
            String name = add.attribute("name");
            try {
                PathPattern path = PathPattern.parse(add.attribute("path"));
                String[] verbs = parseVerbs(add.attribute("verb"));
                HandlerFactory factory = factory(add, types, staticFiles, moduleHandlers);
                entries.add(new Entry(name, path, verbs, factory));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(add.location().orElse(null),
                        "<add name=\"" + name + "\"> in system.webServer/handlers: " + e.getMessage());
            }
        }
        return new HandlerMap(entries.toArray(new Entry[0]), staticFiles);
    }

    /** The entry's type, else the handler of its module (FastCgiModule), else the static file handler. */
    private static HandlerFactory factory(ConfigElement add, HandlerTypes types, HandlerFactory staticFiles,
                                          Function<ConfigElement, HttpHandler> moduleHandlers) {
        String type = add.attribute("type").trim();
        String modules = add.attribute("modules").trim();
        boolean staticModules = modules.isEmpty() || !modules.equalsIgnoreCase(FAST_CGI_MODULE);
        if (!add.attribute("scriptProcessor").isEmpty() && (!type.isEmpty() || staticModules)) {
            throw new IllegalArgumentException("attribute \"scriptProcessor\" is only for an entry without a type "
                    + "whose modules is FastCgiModule (it names the fastCgi application that serves the path)");
        }
        if (!type.isEmpty()) {
            return types.resolve(type);
        }
        if (staticModules) {
            return staticFiles;
        }
        HttpHandler handler = moduleHandlers.apply(add);
        if (handler == null) {
            throw new IllegalArgumentException("modules \"" + modules + "\" has no handler in this Lido");
        }
        return HandlerFactory.of(handler);
    }

    /** A map without entries: everything goes to the static file handler. */
    static HandlerMap staticOnly(HttpHandler staticFileHandler) {
        return new HandlerMap(new Entry[0], HandlerFactory.of(staticFileHandler));
    }

    /** Whether a factory from {@link #map} gives an application handler (not static files, not a 405). */
    boolean isApplicationHandler(HandlerFactory factory) {
        return factory != staticFiles && !(factory instanceof MethodNotAllowedHandler);
    }

    /** The handler factory for a method and application-relative path (no leading '/'). */
    HandlerFactory map(String method, String appRelativePath) {
        Set<String> allowed = null;
        for (Entry entry : entries) {
            if (!entry.path().matches(appRelativePath)) {
                continue;
            }
            if (entry.allows(method)) {
                return entry.factory();
            }
            if (allowed == null) {
                allowed = new LinkedHashSet<>();
            }
            allowed.addAll(List.of(entry.verbs()));
        }
        if (allowed != null) {
            return new MethodNotAllowedHandler(String.join(", ", allowed));
        }
        return staticFiles;
    }

    private static boolean preConditionHolds(String preCondition, boolean classicPipeline) {
        for (String part : preCondition.split(",")) {
            String condition = part.trim();
            if (condition.equalsIgnoreCase(classicPipeline ? "integratedMode" : "classicMode")) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "HandlerMap" + java.util.Arrays.toString(entries);
    }

    /** "*" gives null (every verb); otherwise the comma list, trimmed. */
    private static String[] parseVerbs(String verb) {
        String v = verb.trim();
        if (v.equals("*")) {
            return null;
        }
        List<String> verbs = new ArrayList<>();
        for (String part : v.split(",")) {
            String method = part.trim();
            if (!method.isEmpty()) {
                if (!HeaderValidation.isToken(method)) {
                    throw new IllegalArgumentException("verb \"" + method + "\" is not a method name");
                }
                verbs.add(method);
            }
        }
        if (verbs.isEmpty()) {
            throw new IllegalArgumentException("verb is empty (allowed: * or a comma list such as GET,HEAD)");
        }
        return verbs.toArray(new String[0]);
    }
}
