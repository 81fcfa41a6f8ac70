package io.lido.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class HostAotCacheTest {
    @TempDir
    Path dir;

    @Test
    void saysWhetherTheJvmMappedTheCacheItWasGiven() {
        HostAotCache cache = new HostAotCache("use:/lido/work/aot/host-1.aot");

        assertThat(cache.describe("mixed mode, sharing"))
                .isEqualTo("Host JVM started from JDK AOT cache /lido/work/aot/host-1.aot");
        assertThat(cache.describe("mixed mode")).isEqualTo(
                "Host JVM: JDK AOT cache /lido/work/aot/host-1.aot could not be used (the JVM's [aot] lines are in"
                        + " /lido/work/aot/host-aot.log)");
    }

    @Test
    void aTrainingRunSaysWhenItsCacheIsWritten() {
        assertThat(new HostAotCache("train:/lido/work/aot/host-1.training/cache.aot").describe("mixed mode"))
                .isEqualTo("Host JVM trains JDK AOT cache /lido/work/aot/host-1.training/cache.aot"
                        + " (written when Lido stops normally; the next run starts from it)");
    }

    @Test
    void withoutACacheThereIsNothingToSayAndAnUnknownSettingIsNamed() {
        assertThat(new HostAotCache(null).describe("mixed mode, sharing")).isEmpty();
        assertThat(new HostAotCache("").describe("mixed mode, sharing")).isEmpty();
        assertThat(new HostAotCache("yes").describe("mixed mode")).isEqualTo(
                "Host JVM: ignored -Dlido.aotCache='yes' (bin/lido sets use:FILE or train:FILE)");
    }

    @Test
    void onlyATrainingRunMarksItsCacheAsServing() throws Exception {
        Path training = Files.createDirectories(dir.resolve("host-1.training"));
        new HostAotCache("use:" + training.resolve("cache.aot")).serving();
        assertThat(training.resolve(HostAotCache.SERVING)).doesNotExist();

        new HostAotCache("train:" + training.resolve("cache.aot")).serving();
        assertThat(training.resolve(HostAotCache.SERVING)).hasContent(Long.toString(ProcessHandle.current().pid()));
    }

    @Test
    void aMarkerThatCannotBeWrittenDoesNotStopTheServer() {
        // the training folder is gone (deleted by hand): the cache is lost, the run goes on
        new HostAotCache("train:" + dir.resolve("missing/cache.aot")).serving();

        assertThat(dir.resolve("missing")).doesNotExist();
    }
}
