package io.lido.modules.testing;

import io.lido.config.WebConfig;

import java.util.HashMap;
import java.util.Map;

/** A web configuration for unit tests: sections by path. */
public final class TestWebConfig implements WebConfig {
    private final Map<String, TestConfigElement> sections = new HashMap<>();

    public TestWebConfig put(String path, TestConfigElement section) {
        sections.put(path, section);
        return this;
    }

    @Override
    public TestConfigElement section(String sectionPath) {
        TestConfigElement section = sections.get(sectionPath);
        if (section == null) {
            throw new IllegalArgumentException("no section " + sectionPath + " in this test");
        }
        return section;
    }
}
