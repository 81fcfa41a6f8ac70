package io.lido.activation;

import io.lido.config.ApplicationPoolConfig;
import io.lido.config.ConfigElement;
import io.lido.config.ServerConfig;
import io.lido.config.SiteConfig;
import io.lido.config.WebConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The control socket end to end: a real Unix socket, the verbs, and their effect on a pool with fake workers. */
class ControlChannelTest {
    @TempDir
    Path dir;

    @Test
    void recycleStopStartAndListThroughTheSocket() throws Exception {
        FakeLauncher launcher = new FakeLauncher();
        PoolSettings settings = new PoolSettings();
        settings.alwaysRunning = true;
        Path configFile = dir.resolve("applicationHost.config");
        PoolSettings inHost = new PoolSettings();
        inHost.name = "InHost";
        inHost.hostingModel = io.lido.config.HostingModel.IN_PROCESS;
        ServerConfig config = new TestServerConfig(configFile, List.of(inHost.build(), settings.build()));
        ActivationService service = new ActivationService(launcher, new MutableClock(Instant.EPOCH), Runnable::run,
                PoolErrorLog.NONE, null);
        service.start(config);
        try (ControlServer control = ControlServer.listen(configFile, service)) {
            launcher.last().becomeReady();

            ControlClient.Answer list = ControlClient.send(configFile, "list wp");
            assertThat(list.ok()).isTrue();
            assertThat(list.text()).contains("WP \"1000\" (applicationPool:TestPool, state:Running");

            // The answer comes once the replacement is READY.
            CompletableFuture<ControlClient.Answer> recycling = CompletableFuture.supplyAsync(
                    () -> ControlClient.send(configFile, "recycle apppool testpool"));
            await(() -> launcher.count() == 2);
            assertThat(recycling).isNotDone();
            launcher.last().becomeReady();
            ControlClient.Answer recycle = recycling.get(10, TimeUnit.SECONDS);
            assertThat(recycle.ok()).isTrue();
            assertThat(recycle.text()).contains("\"TestPool\" successfully recycled");

            // A replacement that fails to start makes the recycle fail, with the reason.
            CompletableFuture<ControlClient.Answer> failing = CompletableFuture.supplyAsync(
                    () -> ControlClient.send(configFile, "recycle apppool TestPool"));
            await(() -> launcher.count() == 3);
            launcher.last().exit(1);
            ControlClient.Answer failed = failing.get(10, TimeUnit.SECONDS);
            assertThat(failed.ok()).isFalse();
            assertThat(failed.text()).contains("a worker process of application pool 'TestPool' failed to start")
                    .doesNotContain("successfully");
            await(() -> launcher.count() == 4);
            launcher.last().becomeReady();

            assertThat(ControlClient.send(configFile, "stop apppool TestPool").ok()).isTrue();
            assertThat(service.pool("TestPool").orElseThrow().state()).isEqualTo(PoolState.STOPPED);
            assertThat(ControlClient.send(configFile, "list apppool").text()).isEqualTo("""
                    APPPOOL "InHost" (state:Started, hostingModel:inProcess)
                    APPPOOL "TestPool" (state:Stopped, hostingModel:outOfProcess)
                    """);
            CompletableFuture<ControlClient.Answer> starting = CompletableFuture.supplyAsync(
                    () -> ControlClient.send(configFile, "start apppool TestPool"));
            await(() -> launcher.count() == 5);
            launcher.last().becomeReady();
            assertThat(starting.get(10, TimeUnit.SECONDS).text()).contains("\"TestPool\" successfully started");
            assertThat(service.pool("TestPool").orElseThrow().state()).isEqualTo(PoolState.STARTED);

            ControlClient.Answer unknown = ControlClient.send(configFile, "recycle apppool Nope");
            assertThat(unknown.ok()).isFalse();
            assertThat(unknown.text()).contains("no application pool is named 'Nope'");
            ControlClient.Answer inProcess = ControlClient.send(configFile, "stop apppool inhost");
            assertThat(inProcess.ok()).isFalse();
            assertThat(inProcess.text()).contains("application pool 'InHost' is inProcess");
        } finally {
            service.shutdown(java.time.Duration.ofMillis(10));
        }
    }

    @Test
    void listWpShowsAWorkerRecycledForOutOfMemory() {
        FakeLauncher launcher = new FakeLauncher();
        PoolSettings settings = new PoolSettings();
        settings.alwaysRunning = true;
        Path configFile = dir.resolve("applicationHost.config");
        ActivationService service = new ActivationService(launcher, new MutableClock(Instant.EPOCH), Runnable::run,
                PoolErrorLog.NONE, null);
        service.start(new TestServerConfig(configFile, List.of(settings.build())));
        try (ControlServer control = ControlServer.listen(configFile, service)) {
            FakeLink link = launcher.last().becomeReady();
            link.fault(null, io.lido.ipc.frame.FaultCodec.Kind.OUT_OF_MEMORY, "OutOfMemoryError: Java heap space");

            assertThat(ControlClient.send(configFile, "list wp").text())
                    .contains("WP \"1000\" (applicationPool:TestPool, state:Recycling")
                    .contains("inFlight:0, recycleReason:OutOfMemory)");
        } finally {
            service.shutdown(java.time.Duration.ofMillis(10));
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 20 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** Just the pools: this test never routes a request. */
    record TestServerConfig(Path file, List<ApplicationPoolConfig> applicationPools) implements ServerConfig {
        @Override
        public List<SiteConfig> sites() {
            return List.of();
        }

        @Override
        public WebConfig webConfig(SiteConfig site, String urlPath) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ConfigElement section(String sectionPath) {
            throw new UnsupportedOperationException();
        }
    }
}
