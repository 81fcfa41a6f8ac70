package io.lido.activation;

import io.lido.config.ApplicationPoolConfig;
import io.lido.ipc.HeaderList;
import io.lido.ipc.RequestBody;
import io.lido.ipc.RequestHead;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Training the AOT cache of on-demand pools ahead of their first request, with fake workers. */
class AotPretrainingTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T10:00:00Z"));
    private final FakeLauncher launcher = new FakeLauncher();
    private final AotPretraining pretraining = new AotPretraining(launcher, Runnable::run);

    private ApplicationPool startedPool(PoolSettings settings) {
        ApplicationPool pool = pool(settings.build());
        pool.start();
        return pool;
    }

    private ApplicationPool pool(ApplicationPoolConfig config) {
        return new ApplicationPool(config, launcher, clock, Runnable::run, PoolErrorLog.NONE);
    }

    private static PoolSettings named(String name) {
        PoolSettings settings = new PoolSettings();
        settings.name = name;
        return settings;
    }

    @Test
    void aPoolWithoutCacheGetsOneWorkerThatDrainsOnceReadyAndThePoolStaysOnDemand() {
        launcher.withoutAotCache.add("A");
        ApplicationPool pool = startedPool(named("A"));

        pretraining.offer(pool);
        assertThat(launcher.count()).isEqualTo(1);
        assertThat(pool.workers()).singleElement().extracting(WorkerInfo::state).isEqualTo("Starting");

        FakeLink link = launcher.last().becomeReady();
        assertThat(link.drained).as("let go as an idle timeout would").isTrue();
        assertThat(pool.workers()).singleElement().extracting(WorkerInfo::state).isEqualTo("Stopping");
        launcher.last().exit(0);

        assertThat(pool.workers()).isEmpty();
        assertThat(pool.state()).as("stopped workers, not a stopped pool: no 503").isEqualTo(PoolState.STARTED);
        RecordingResponse response = request(pool);
        assertThat(launcher.count()).as("the first request starts a worker on demand").isEqualTo(2);
        assertThat(response.untouched()).isTrue();
    }

    @Test
    void aRequestThatComesWhileTheTrainingWorkerStartsIsServedByItAndTheWorkerStays() {
        launcher.withoutAotCache.addAll(java.util.List.of("A", "B"));
        ApplicationPool pool = startedPool(named("A"));
        pretraining.offer(pool);
        pretraining.offer(startedPool(named("B")));

        request(pool);
        assertThat(launcher.count()).as("no second JVM").isEqualTo(1);
        FakeLink link = launcher.last().becomeReady();

        assertThat(link.sent).hasSize(1);
        assertThat(link.drained).as("it now serves the pool until its idle timeout").isFalse();
        assertThat(pool.workers()).singleElement().extracting(WorkerInfo::state).isEqualTo("Running");
        assertThat(launcher.count()).as("the next pool does not wait for that idle timeout").isEqualTo(2);
        assertThat(launcher.last().config.name()).isEqualTo("B");
    }

    @Test
    void poolsWithACacheAlwaysRunningOnesAndOnesWithoutCacheAreLeftAlone() {
        PoolSettings alwaysRunning = named("Always");
        alwaysRunning.alwaysRunning = true;
        PoolSettings noCache = named("NoCache");
        noCache.jvmAotCache = false;
        launcher.withoutAotCache.addAll(java.util.List.of("Always", "NoCache"));
        ApplicationPool always = startedPool(alwaysRunning);
        launcher.last().becomeReady();
        int launchedByAlwaysRunning = launcher.count();

        pretraining.offer(startedPool(named("Cached")));
        pretraining.offer(always);
        pretraining.offer(startedPool(noCache));

        assertThat(launcher.count()).isEqualTo(launchedByAlwaysRunning);
        assertThat(pretraining.waiting()).isZero();
    }

    @Test
    void aStoppedPoolGetsNoTrainingWorker() {
        launcher.withoutAotCache.add("A");
        ApplicationPool pool = pool(named("A").build());

        pretraining.offer(pool);

        assertThat(launcher.count()).isZero();
    }

    @Test
    void poolsAreTrainedOneAtATimeEachOnceThePreviousWorkerHasExited() {
        launcher.withoutAotCache.addAll(java.util.List.of("A", "B", "C"));
        ApplicationPool a = startedPool(named("A"));
        ApplicationPool b = startedPool(named("B"));
        ApplicationPool c = startedPool(named("C"));

        pretraining.offer(a);
        pretraining.offer(b);
        pretraining.offer(b);
        pretraining.offer(c);
        assertThat(launcher.count()).isEqualTo(1);
        assertThat(pretraining.waiting()).as("B is queued once").isEqualTo(2);

        launcher.last().becomeReady();
        assertThat(launcher.count()).as("A's JVM still writes its cache").isEqualTo(1);
        launcher.last().exit(0);
        assertThat(launcher.count()).isEqualTo(2);
        assertThat(launcher.last().config.name()).isEqualTo("B");

        launcher.last().becomeReady();
        launcher.last().exit(0);
        assertThat(launcher.last().config.name()).isEqualTo("C");
        launcher.last().becomeReady();
        launcher.last().exit(0);
        assertThat(launcher.count()).isEqualTo(3);
        assertThat(pretraining.waiting()).isZero();
    }

    @Test
    void noTrainingStartsAfterClose() {
        launcher.withoutAotCache.addAll(java.util.List.of("A", "B"));
        ApplicationPool a = startedPool(named("A"));
        pretraining.offer(a);
        pretraining.offer(startedPool(named("B")));

        pretraining.close();
        launcher.last().becomeReady();
        launcher.last().exit(0);

        assertThat(launcher.count()).isEqualTo(1);
    }

    private static RecordingResponse request(ApplicationPool pool) {
        RecordingResponse response = new RecordingResponse();
        pool.dispatch(new RequestHead(1, "GET", "/x", "/x", "", 1, new HeaderList(), "127.0.0.1", 5000, "127.0.0.1",
                80, false, 1, "Site", "/", 0), RequestBody.EMPTY, response);
        return response;
    }
}
