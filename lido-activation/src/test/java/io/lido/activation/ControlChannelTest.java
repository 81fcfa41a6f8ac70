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

import static org.assertj.core.api.Assertions.assertThat;

/** The control socket end to end: a real Unix socket, the verbs, and their effect on a pool with fake workers. */
class ControlChannelTest {
    @TempDir
    Path dir;

    @Test
    void recycleStopStartAndListThroughTheSocket() {
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

            ControlClient.Answer recycle = ControlClient.send(configFile, "recycle apppool testpool");
            assertThat(recycle.ok()).isTrue();
            assertThat(recycle.text()).contains("\"TestPool\" successfully recycled");
            assertThat(launcher.count()).isEqualTo(2);

            assertThat(ControlClient.send(configFile, "stop apppool TestPool").ok()).isTrue();
            assertThat(service.pool("TestPool").orElseThrow().state()).isEqualTo(PoolState.STOPPED);
            assertThat(ControlClient.send(configFile, "list apppool").text()).isEqualTo("""
                    APPPOOL "InHost" (state:Started, hostingModel:inProcess)
                    APPPOOL "TestPool" (state:Stopped, hostingModel:outOfProcess)
                    """);
            assertThat(ControlClient.send(configFile, "start apppool TestPool").ok()).isTrue();
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
