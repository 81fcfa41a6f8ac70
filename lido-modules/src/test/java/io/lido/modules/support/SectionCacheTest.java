package io.lido.modules.support;

import io.lido.modules.testing.TestConfigElement;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SectionCacheTest {

    @Test
    void compilesEachSectionInstanceOnceAndStaysBounded() {
        AtomicInteger compilations = new AtomicInteger();
        SectionCache<String> cache = new SectionCache<>(section -> section.name() + compilations.incrementAndGet());
        TestConfigElement a = new TestConfigElement("a");
        assertThat(cache.get(a)).isEqualTo("a1");
        assertThat(cache.get(a)).isEqualTo("a1");
        TestConfigElement replaced = new TestConfigElement("a");
        assertThat(cache.get(replaced)).as("a replaced section is compiled again").isEqualTo("a2");
        assertThat(cache.get(a)).as("alternating sections keep their compiled forms").isEqualTo("a1");
        assertThat(cache.get(replaced)).isEqualTo("a2");
        for (int i = 0; i < SectionCache.MAX_ENTRIES + 10; i++) {
            cache.get(new TestConfigElement("x"));
        }
        assertThat(cache.get(a)).as("emptied when full, then compiled on demand").startsWith("a");
        assertThat(compilations.get()).isGreaterThan(SectionCache.MAX_ENTRIES);
    }
}
