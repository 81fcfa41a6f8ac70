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
}
