package io.lido.activation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AotCacheKeyTest {
    @TempDir
    Path dir;

    private List<String> jars() throws Exception {
        Path a = Files.writeString(dir.resolve("a.jar"), "jar a");
        Path b = Files.writeString(dir.resolve("b.jar"), "jar b");
        return List.of(a.toString(), b.toString());
    }

    @Test
    void theSameJvmGivesTheSameKey() throws Exception {
        List<String> jars = jars();
        String key = AotCacheKey.of("jdk-25", jars, List.of("-Xmx64m"), Map.of()).orElseThrow();

        assertThat(AotCacheKey.of("jdk-25", jars, List.of("-Xmx64m"), Map.of("COLOR", "blue")))
                .as("variables that do not change JVM options do not matter").contains(key);
        assertThat(key).matches("[0-9a-f]{24}");
    }

    @Test
    void anotherJdkOptionJarOrOptionVariableGivesAnotherKey() throws Exception {
        List<String> jars = jars();
        String key = AotCacheKey.of("jdk-25", jars, List.of("-Xmx64m"), Map.of()).orElseThrow();

        assertThat(AotCacheKey.of("jdk-25.0.2", jars, List.of("-Xmx64m"), Map.of())).get().isNotEqualTo(key);
        assertThat(AotCacheKey.of("jdk-25", jars, List.of("-Xmx65m"), Map.of())).get().isNotEqualTo(key);
        assertThat(AotCacheKey.of("jdk-25", jars, List.of("-Xmx64m", "-Da=b"), Map.of())).get().isNotEqualTo(key);
        assertThat(AotCacheKey.of("jdk-25", jars.reversed(), List.of("-Xmx64m"), Map.of())).get().isNotEqualTo(key);
        assertThat(AotCacheKey.of("jdk-25", jars, List.of("-Xmx64m"), Map.of("JAVA_TOOL_OPTIONS", "-Xss1m")))
                .get().isNotEqualTo(key);

        Files.setLastModifiedTime(Path.of(jars.getFirst()), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        assertThat(AotCacheKey.of("jdk-25", jars, List.of("-Xmx64m"), Map.of()))
                .as("an upgraded jar").get().isNotEqualTo(key);
    }

    @Test
    void valuesCannotShiftIntoEachOther() throws Exception {
        List<String> jars = jars();
        assertThat(AotCacheKey.of("jdk", jars, List.of("-Da", "b"), Map.of()))
                .isNotEqualTo(AotCacheKey.of("jdk", jars, List.of("-Dab"), Map.of()));
    }

    @Test
    void aClassFolderOrMissingJarCannotBeCached() throws Exception {
        List<String> jars = jars();
        Files.createDirectories(dir.resolve("classes"));

        assertThat(AotCacheKey.of("jdk", List.of(jars.getFirst(), dir.resolve("classes").toString()), List.of(), Map.of()))
                .isEmpty();
        assertThat(AotCacheKey.of("jdk", List.of(dir.resolve("gone.jar").toString()), List.of(), Map.of())).isEmpty();
        assertThat(AotCacheKey.of("jdk", List.of(dir + "/*"), List.of(), Map.of())).isEmpty();
    }

    @Test
    void optionsThatChooseTheirOwnCacheAreLeftAlone() {
        assertThat(AotCacheKey.optionsManageTheCache(List.of("-Xmx64m", "-XX:AOTCache=/x.aot"))).isTrue();
        assertThat(AotCacheKey.optionsManageTheCache(List.of("-Xshare:off"))).isTrue();
        assertThat(AotCacheKey.optionsManageTheCache(List.of("-XX:SharedArchiveFile=/x.jsa"))).isTrue();
        assertThat(AotCacheKey.optionsManageTheCache(List.of("-Xmx64m", "-XX:+UseSerialGC"))).isFalse();
    }
}
