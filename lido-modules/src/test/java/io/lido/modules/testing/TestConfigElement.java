package io.lido.modules.testing;

import io.lido.config.ConfigElement;
import io.lido.config.SourceLocation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A configuration element for unit tests. Strict like the real schema: asking for an attribute or
 * child that was not defined fails the test, so a module cannot silently read a name the configuration
 * system does not have.
 */
public final class TestConfigElement implements ConfigElement {
    private final String name;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final Map<String, TestConfigElement> children = new LinkedHashMap<>();
    private final List<ConfigElement> collection = new ArrayList<>();
    private SourceLocation location;

    public TestConfigElement(String name) {
        this.name = name;
    }

    public static TestConfigElement element(String name, String... attributePairs) {
        TestConfigElement element = new TestConfigElement(name);
        for (int i = 0; i < attributePairs.length; i += 2) {
            element.set(attributePairs[i], attributePairs[i + 1]);
        }
        return element;
    }

    public TestConfigElement set(String attribute, String value) {
        attributes.put(attribute, value);
        return this;
    }

    public TestConfigElement child(TestConfigElement child) {
        children.put(child.name(), child);
        return this;
    }

    /** Appends an {@code add} entry with these attributes to the collection. */
    public TestConfigElement add(String... attributePairs) {
        collection.add(element("add", attributePairs));
        return this;
    }

    /** Appends entries of any element name (e.g. ASP.NET's {@code allow} and {@code deny}) to the collection. */
    public TestConfigElement entries(ConfigElement... entries) {
        collection.addAll(List.of(entries));
        return this;
    }

    /** Empties the collection (what a {@code clear} does). */
    public TestConfigElement clear() {
        collection.clear();
        return this;
    }

    public TestConfigElement writtenIn(Path file, int line) {
        location = new SourceLocation(file, line);
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String attribute(String attribute) {
        String value = attributes.get(attribute);
        if (value == null) {
            throw new IllegalArgumentException("<" + name + "> has no attribute " + attribute + " in this test");
        }
        return value;
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
        String[] parts = attribute(attribute).split(":");
        return Duration.ofHours(Long.parseLong(parts[0])).plusMinutes(Long.parseLong(parts[1]))
                .plusSeconds(Long.parseLong(parts[2]));
    }

    @Override
    public TestConfigElement child(String childName) {
        TestConfigElement child = children.get(childName);
        if (child == null) {
            throw new IllegalArgumentException("<" + name + "> has no child " + childName + " in this test");
        }
        return child;
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
