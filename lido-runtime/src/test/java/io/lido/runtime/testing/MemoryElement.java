package io.lido.runtime.testing;

import io.lido.config.ConfigElement;
import io.lido.config.SourceLocation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A test-only {@link ConfigElement}: attributes in a map over the IIS schema defaults the runtime reads,
 * child elements and an {@code add} collection. Unknown attributes are an error, as in the real schema.
 */
public final class MemoryElement implements ConfigElement {
    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("httpErrors.errorMode", "DetailedLocalOnly"),
            Map.entry("httpErrors.existingResponse", "Auto"),
            Map.entry("httpErrors.defaultResponseMode", "File"),
            Map.entry("httpErrors.defaultPath", ""),
            Map.entry("error.statusCode", ""),
            Map.entry("error.subStatusCode", "-1"),
            Map.entry("error.path", ""),
            Map.entry("error.responseMode", "File"),
            Map.entry("handler.name", ""),
            Map.entry("handler.path", ""),
            Map.entry("handler.verb", ""),
            Map.entry("handler.type", ""),
            Map.entry("handler.preCondition", ""),
            Map.entry("handler.modules", ""),
            Map.entry("handler.scriptProcessor", ""),
            Map.entry("handler.resourceType", "Unspecified"),
            Map.entry("module.name", ""),
            Map.entry("module.type", ""),
            Map.entry("module.preCondition", ""),
            Map.entry("modules.runAllManagedModulesForAllRequests", "false"),
            Map.entry("httpApplication.type", ""),
            Map.entry("sessionState.mode", ""),
            Map.entry("sessionState.timeout", "1200"),
            Map.entry("sessionState.cookieName", "ASP.NET_SessionId"),
            Map.entry("sessionState.cookieless", "UseCookies"),
            Map.entry("sessionState.regenerateExpiredSessionId", "true"),
            Map.entry("sessionState.cookieSameSite", "Lax"),
            Map.entry("httpRuntime.executionTimeout", "110"),
            Map.entry("cache.maxEntries", "100000"),
            Map.entry("cache.disableExpiration", "false"),
            Map.entry("cache.disableMemoryCollection", "false"),
            Map.entry("cache.privateBytesLimit", "0"),
            Map.entry("cache.percentagePhysicalMemoryUsedLimit", "0"),
            Map.entry("cache.privateBytesPollTime", "120"),
            Map.entry("requestLimits.maxAllowedContentLength", "30000000"),
            Map.entry("hostingEnvironment.shadowCopyBinAssemblies", "true"),
            Map.entry("hostingEnvironment.shutdownTimeout", "30"),
            Map.entry("httpRuntime.fcnMode", "NotSet"),
            Map.entry("httpRuntime.waitChangeNotification", "0"),
            Map.entry("httpRuntime.maxWaitChangeNotification", "0"),
            Map.entry("access.sslFlags", "None"));

    private final String name;
    private final String kind;
    private final Map<String, String> attributes = new HashMap<>();
    private final Map<String, MemoryElement> children = new LinkedHashMap<>();
    private final List<MemoryElement> collection = new ArrayList<>();
    private SourceLocation location;

    public MemoryElement(String name) {
        this(name, name);
    }

    private MemoryElement(String name, String kind) {
        this.name = name;
        this.kind = kind;
    }

    public MemoryElement set(String attribute, String value) {
        attributes.put(attribute, value);
        return this;
    }

    /** Adds a collection entry of the given schema kind ("handler", "module", "error"). */
    public MemoryElement add(String entryKind, String... attributePairs) {
        MemoryElement add = new MemoryElement("add", entryKind);
        for (int i = 0; i < attributePairs.length; i += 2) {
            add.set(attributePairs[i], attributePairs[i + 1]);
        }
        add.location = new SourceLocation(Path.of("/test/web.config"), 10 + collection.size());
        collection.add(add);
        return this;
    }

    public MemoryElement childElement(String childName) {
        return children.computeIfAbsent(childName, MemoryElement::new);
    }

    public MemoryElement at(SourceLocation where) {
        location = where;
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String attribute(String attribute) {
        String value = attributes.get(attribute);
        if (value != null) {
            return value;
        }
        String fallback = DEFAULTS.get(kind + "." + attribute);
        if (fallback == null) {
            throw new IllegalArgumentException("the test schema has no attribute " + kind + "." + attribute);
        }
        return fallback;
    }

    @Override
    public boolean bool(String attribute) {
        return Boolean.parseBoolean(attribute(attribute));
    }

    @Override
    public int integer(String attribute) {
        return Integer.parseInt(attribute(attribute));
    }

    @Override
    public long longValue(String attribute) {
        return Long.parseLong(attribute(attribute));
    }

    @Override
    public Duration duration(String attribute) {
        return Duration.ofSeconds(longValue(attribute));
    }

    @Override
    public ConfigElement child(String childName) {
        return childElement(childName);
    }

    @Override
    public List<ConfigElement> collection() {
        return List.copyOf(collection);
    }

    @Override
    public Optional<SourceLocation> location() {
        return Optional.ofNullable(location);
    }
}
