package io.lido.activation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class WorkerOutputTest {
    @TempDir
    Path dir;

    @Test
    void everyLineGoesToThePoolLogUnderThePidAndTheJvmsAotChatterToTheAotLog() throws Exception {
        String output = """
                2026-12-07 10:00:00.000 [INFO] Worker - ready
                Picked up JAVA_TOOL_OPTIONS: -XX:AOTCacheOutput=/w/aot/k.training/cache.aot -XX:AOTMode=create
                [1.234s][warning][aot] Skipping jdk/proxy1/$Proxy4: Unsupported location
                [0.5s][error][aot,class] something
                Temporary AOTConfiguration recorded: /w/aot/k.training/cache.aot.config
                AOTCache creation is complete: /w/aot/k.training/cache.aot 10317824 bytes
                [2.0s][info][gc] not about the cache\r
                no line end""";
        try (LineLog pool = LineLog.open(dir.resolve("Pool.log")); LineLog aot = LineLog.open(dir.resolve("aot.log"))) {
            new WorkerOutput(new ByteArrayInputStream(output.getBytes(StandardCharsets.UTF_8)), 42, "Pool", pool,
                    Optional.of(aot)).run();
        }
        assertThat(Files.readString(dir.resolve("Pool.log"))).isEqualTo("""
                [42] 2026-12-07 10:00:00.000 [INFO] Worker - ready
                [42] [2.0s][info][gc] not about the cache
                [42] no line end
                """);
        assertThat(Files.readString(dir.resolve("aot.log"))).startsWith("[Pool 42] Picked up JAVA_TOOL_OPTIONS:")
                .contains("[Pool 42] [1.234s][warning][aot] Skipping").contains("[Pool 42] [0.5s][error][aot,class]")
                .contains("[Pool 42] Temporary AOTConfiguration").contains("[Pool 42] AOTCache creation is complete");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("Pool.log"))))
                .isEqualTo("rw-r-----");
    }

    @Test
    void aLineLongerThanTheLimitIsCutIntoLines() throws Exception {
        byte[] line = "x".repeat(WorkerOutput.MAX_LINE + 10).getBytes(StandardCharsets.US_ASCII);
        try (LineLog pool = LineLog.open(dir.resolve("Pool.log"))) {
            new WorkerOutput(new ByteArrayInputStream(line), 7, "Pool", pool, Optional.empty()).run();
        }
        assertThat(Files.readAllLines(dir.resolve("Pool.log"))).containsExactly(
                "[7] " + "x".repeat(WorkerOutput.MAX_LINE), "[7] " + "x".repeat(10));
    }

    @Test
    void theLogIsNeverOpenedThroughALink() throws Exception {
        Path target = Files.writeString(dir.resolve("target"), "untouched");
        Files.createSymbolicLink(dir.resolve("Pool.log"), target);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LineLog.open(dir.resolve("Pool.log")))
                .hasMessageContaining("cannot open the log");
        assertThat(target).hasContent("untouched");
    }
}
