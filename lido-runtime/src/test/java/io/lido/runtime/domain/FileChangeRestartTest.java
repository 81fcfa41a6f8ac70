package io.lido.runtime.domain;

import io.lido.api.HttpApplicationState;
import io.lido.runtime.HttpRuntime;
import io.lido.runtime.RestartReason;
import io.lido.runtime.testing.CapturedResponse;
import io.lido.runtime.testing.RuntimeTestBase;
import io.lido.runtime.testing.TestJars;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watcher: changes to bin/, web.config and app_offline.htm restart the application (once per burst),
 * and the shadow copy lets bin/ be overwritten or emptied while the domain runs.
 */
class FileChangeRestartTest extends RuntimeTestBase {
    private static Path shadowRoot;
    private static String previousRoot;

    @BeforeAll
    static void ownShadowRoot() throws IOException {
        shadowRoot = Files.createTempDirectory("lido-shadow-test");
        previousRoot = System.setProperty(ShadowCopy.ROOT_PROPERTY, shadowRoot.toString());
    }

    @AfterAll
    static void restoreShadowRoot() throws IOException {
        if (previousRoot == null) {
            System.clearProperty(ShadowCopy.ROOT_PROPERTY);
        } else {
            System.setProperty(ShadowCopy.ROOT_PROPERTY, previousRoot);
        }
        ShadowCopy.deleteTree(shadowRoot);
    }

    private Path jar() {
        return harness.appRoot.resolve("bin").resolve("app.jar");
    }

    private String version() {
        return harness.get("/version").body();
    }

    @Test
    void aDeploymentOfManyFilesRestartsOnceAndTheNewVersionServesWithinASecond() throws Exception {
        harness = DomainTestApps.harness(dir);
        HttpRuntime runtime = harness.start();
        assertThat(version()).startsWith("version=1");
        Path v2 = TestJars.compile(DomainTestApps.version("2", false), dir.resolve("v2.jar"));

        long start = System.nanoTime();
        for (int i = 0; i < 30; i++) {
            Files.copy(v2, harness.appRoot.resolve("bin").resolve("extra-" + i + ".jar"));
        }
        Files.copy(v2, jar(), StandardCopyOption.REPLACE_EXISTING);
        Eventually.await("version 2 to serve", Duration.ofSeconds(5), () -> version().startsWith("version=2"));
        long millis = (System.nanoTime() - start) / 1_000_000;

        System.out.println("bin change -> first response by the new domain: " + millis + " ms");
        assertThat(millis).as("from the first file written to the new version's first response").isLessThan(2000);
        Thread.sleep(700);
        assertThat(runtime.domainGeneration()).as("one restart for the whole deployment").isEqualTo(2);
    }

    @Test
    void theDomainRunsFromItsShadowCopySoBinMayBeEmptiedWhileItServes() throws Exception {
        harness = DomainTestApps.harness(dir);
        HttpRuntime runtime = harness.start();
        Path copies;
        try (Stream<Path> applications = Files.list(shadowRoot.resolve(Long.toString(ProcessHandle.current().pid())))) {
            copies = applications.filter(p -> p.getFileName().toString().startsWith("1_root-")).findFirst().orElseThrow();
        }
        assertThat(copies.resolve("1").resolve("app.jar")).exists();

        Files.delete(jar());
        // A domain without the jar cannot start (no Global class): the running one stays, and its
        // classes not loaded yet still load, from the copy.
        assertThat(runtime.restart(RestartReason.BIN_CHANGE)).isFalse();
        assertThat(copies.resolve("2")).as("the failed domain's copy is deleted").doesNotExist();

        CapturedResponse response = harness.get("/version?lazy");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).startsWith("version=1").endsWith("lazy=Lazy");
        assertThat(runtime.domainGeneration()).isEqualTo(1);

        harness.close();
        harness = null;
        assertThat(copies).doesNotExist();
    }

    @Test
    void aResourceTheApplicationReadThroughItsJarUrlDoesNotKeepTheUnloadedCopyOpen() throws Exception {
        harness = DomainTestApps.harness(dir);
        HttpRuntime runtime = harness.start();
        HttpApplicationState first = runtime.applicationState();
        assertThat(version()).startsWith("version=1");
        assertThat(harness.get("/version?resource").body()).contains(" resource=");

        assertThat(runtime.restart(RestartReason.MANUAL)).isTrue();
        Eventually.await("the old domain's onEnd", Duration.ofSeconds(5), () -> Boolean.TRUE.equals(first.get("ended")));

        Eventually.await("no open file in a deleted shadow copy", Duration.ofSeconds(5),
                () -> openFiles().noneMatch(f -> f.startsWith(shadowRoot.toString()) && f.endsWith("(deleted)")));
    }

    /** The files this process has open (Linux: the targets of /proc/self/fd). */
    private static Stream<String> openFiles() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    return "";
                }
            }).toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void appOfflineAnswers503WithThePageUnloadsTheDomainAndItsRemovalBringsItBack() throws Exception {
        harness = DomainTestApps.harness(dir);
        HttpRuntime runtime = harness.start();
        HttpApplicationState first = runtime.applicationState();
        Path offline = harness.appRoot.resolve("app_offline.htm");

        Files.writeString(offline, "<html><body>Down for maintenance</body></html>");
        Eventually.await("offline", Duration.ofSeconds(5), () -> runtime.status().equals("Offline"));

        CapturedResponse response = harness.get("/version");
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.header("Content-Type")).isEqualTo("text/html");
        assertThat(response.body()).isEqualTo("<html><body>Down for maintenance</body></html>");
        Eventually.await("onEnd of the unloaded domain", Duration.ofSeconds(5), () -> Boolean.TRUE.equals(first.get("ended")));

        Files.delete(offline);
        Eventually.await("back online", Duration.ofSeconds(5), () -> runtime.status().equals("Serving"));
        assertThat(version()).startsWith("version=1 hits=1");
    }

    @Test
    void aWebConfigChangeRestartsTheApplication() throws Exception {
        harness = DomainTestApps.harness(dir);
        HttpRuntime runtime = harness.start();

        Files.writeString(harness.appRoot.resolve("web.config"), "<configuration/>");

        Eventually.await("a new domain", Duration.ofSeconds(5), () -> runtime.domainGeneration() == 2);
        assertThat(version()).startsWith("version=1 hits=1");
    }

    @Test
    void aStartWithAppOfflinePresentStaysOfflineUntilItIsRemoved() throws Exception {
        harness = DomainTestApps.harness(dir);
        Files.writeString(harness.appRoot.resolve("app_offline.htm"), "offline");
        HttpRuntime runtime = harness.start();

        assertThat(runtime.status()).isEqualTo("Offline");
        assertThat(harness.get("/version").body()).isEqualTo("offline");

        Files.delete(harness.appRoot.resolve("app_offline.htm"));
        Eventually.await("online", Duration.ofSeconds(5), () -> runtime.status().equals("Serving"));
        try (Stream<Path> files = Files.list(harness.appRoot)) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("app_offline.htm");
        }
        assertThat(version()).startsWith("version=1");
    }
}
