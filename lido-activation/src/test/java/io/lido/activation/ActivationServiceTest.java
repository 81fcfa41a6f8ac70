package io.lido.activation;

import io.lido.config.HostingModel;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ActivationServiceTest {
    private final FakeLauncher launcher = new FakeLauncher();
    private final ActivationService service = new ActivationService(launcher, new MutableClock(Instant.EPOCH),
            Runnable::run, PoolErrorLog.NONE, null);

    @Test
    void onlyOutOfProcessPoolsAreHostedAndReconfigureAddsChangesAndRemovesThem() {
        PoolSettings a = new PoolSettings();
        a.name = "A";
        a.alwaysRunning = true;
        PoolSettings b = new PoolSettings();
        b.name = "B";
        var inProcess = new PoolSettings();
        inProcess.name = "C";
        var c = inProcess.build();
        var cInProcess = new io.lido.config.ApplicationPoolConfig(c.name(), c.queueLength(), c.autoStart(),
                c.alwaysRunning(), c.classicPipeline(), HostingModel.IN_PROCESS, c.jvmOptions(), c.processModel(),
                c.recycling(), c.failure(), c.environmentVariables(), null);
        Path file = Path.of("applicationHost.config");
        try {
            service.start(new ControlChannelTest.TestServerConfig(file, List.of(a.build(), b.build(), cInProcess)));
            assertThat(service.pools()).extracting(ApplicationPool::name).containsExactlyInAnyOrder("A", "B");
            assertThat(service.pool("a")).as("pool names are case-insensitive").isPresent();
            assertThat(launcher.count()).as("AlwaysRunning starts at once, OnDemand waits").isEqualTo(1);
            launcher.last().becomeReady();

            a.jvmOptions = "-Xmx64m";
            PoolSettings d = new PoolSettings();
            d.name = "D";
            service.reconfigure(new ControlChannelTest.TestServerConfig(file, List.of(a.build(), d.build())));
            assertThat(service.pools()).extracting(ApplicationPool::name).containsExactlyInAnyOrder("A", "D");
            assertThat(launcher.count()).as("A recycles: its replacement starts").isEqualTo(2);
            assertThat(launcher.last().config.jvmOptions()).isEqualTo("-Xmx64m");
        } finally {
            service.shutdown(Duration.ofMillis(10));
        }
    }

    @Test
    void onDemandPoolsWithoutAotCacheAreTrainedAtStartAndAgainWhenAChangeGivesThemANewJvm() {
        PoolSettings b = new PoolSettings();
        b.name = "B";
        Path file = Path.of("applicationHost.config");
        launcher.withoutAotCache.add("B");
        try {
            service.start(new ControlChannelTest.TestServerConfig(file, List.of(b.build())));
            assertThat(launcher.count()).as("a training worker, without a request").isEqualTo(1);
            assertThat(launcher.last().becomeReady().drained).isTrue();
            launcher.last().exit(0);

            service.reconfigure(new ControlChannelTest.TestServerConfig(file, List.of(b.build())));
            assertThat(launcher.count()).as("the cache exists now").isEqualTo(1);

            b.jvmOptions = "-Xmx64m";
            launcher.withoutAotCache.add("B");
            service.reconfigure(new ControlChannelTest.TestServerConfig(file, List.of(b.build())));
            assertThat(launcher.count()).as("new options, new cache key").isEqualTo(2);
            assertThat(launcher.last().config.jvmOptions()).isEqualTo("-Xmx64m");
        } finally {
            service.shutdown(Duration.ofMillis(10));
        }
    }
}
