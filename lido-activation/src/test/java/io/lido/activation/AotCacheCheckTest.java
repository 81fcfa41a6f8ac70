package io.lido.activation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AotCacheCheckTest {
    @TempDir
    Path dir;

    private final String java = ProcessHandle.current().info().command().orElseThrow();

    @Test
    void theCheckStartsAJvmWithTheWorkerOptionsButItsLogFilesAndTheCacheRequired() {
        AotCacheCheck check = new AotCacheCheck("/jdk/bin/java",
                List.of("-Xmx64m", "-Xlog:gc:file=/var/log/pool-gc.log", "-Xloggc:/var/log/old-gc.log"), "/lib/a.jar");

        assertThat(check.command(Path.of("/aot/x/cache.aot"))).containsExactly("/jdk/bin/java", "-Xmx64m",
                "-XX:AOTCache=/aot/x/cache.aot", "-XX:AOTMode=on", "-cp", "/lib/a.jar", "-version");
    }

    @Test
    void aFileThatIsNoAotCacheFailsTheCheck() throws Exception {
        Path jar = Files.writeString(dir.resolve("a.jar"), "not really a jar");
        Path garbage = Files.writeString(dir.resolve("cache.aot"), "not an AOT cache");

        assertThat(new AotCacheCheck(java, List.of(), jar.toString()).test(garbage)).isFalse();
        assertThat(dir.resolve("cache.aot.check.log")).as("the JVM's output went to the log").doesNotExist();
    }
}
