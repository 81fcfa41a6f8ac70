package io.lido.activation;

import io.lido.ipc.HeaderList;
import io.lido.ipc.RequestBody;
import io.lido.ipc.RequestHead;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code lido recycle apppool} and {@code lido start apppool} report: the outcome of the worker starts they
 * cause, never a success for a start that failed; and a pool that rapid-fail protection stopped because its
 * workers failed on their configuration starts again with the next valid configuration.
 */
class PendingStartsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T10:00:00Z"));
    private final FakeLauncher workers = new FakeLauncher();
    private final PoolSettings settings = new PoolSettings();
    /** Set: the next launches throw it, as ProcessWorkerLauncher does for jvmOptions that do not parse. */
    private RuntimeException launchFailure;
    private final WorkerLauncher launcher = (pool, ordinal) -> {
        if (launchFailure != null) {
            throw launchFailure;
        }
        return workers.launch(pool, ordinal);
    };
    private ApplicationPool pool;

    private ApplicationPool startPool() {
        pool = new ApplicationPool(settings.build(), launcher, clock, Runnable::run, PoolErrorLog.NONE);
        pool.start();
        return pool;
    }

    private void request() {
        RequestHead head = new RequestHead(1, "GET", "/x", "/x", "", 1, new HeaderList(), "127.0.0.1", 5000,
                "127.0.0.1", 80, false, 1, "Site", "/", 0);
        pool.dispatch(head, RequestBody.EMPTY, new RecordingResponse());
    }

    @Test
    void aRecycleSucceedsOnceTheReplacementIsReady() {
        startPool();
        request();
        workers.last().becomeReady();

        CompletableFuture<PendingStarts.Outcome> recycle = pool.recycle();
        assertThat(workers.count()).isEqualTo(2);
        assertThat(recycle).isNotDone();
        workers.last().becomeReady();
        assertThat(recycle).isCompletedWithValue(PendingStarts.Outcome.success("\"TestPool\" successfully recycled"));
    }

    @Test
    void aRecycleWhoseReplacementFailsToStartIsAFailureWithTheReason() {
        startPool();
        request();
        workers.last().becomeReady();

        CompletableFuture<PendingStarts.Outcome> recycle = pool.recycle();
        workers.last().exit(1); // the new JVM refuses its options and exits before READY
        assertThat(recycle).isDone();
        assertThat(recycle.join().succeeded()).isFalse();
        assertThat(recycle.join().message()).isEqualTo("a worker process of application pool 'TestPool' failed to"
                + " start (pid 1001): exit code 1");
        assertThat(workers.get(0).link.drained).as("the old worker keeps serving").isFalse();
    }

    @Test
    void aRecycleWhoseLaunchIsRefusedIsAFailure() {
        startPool();
        request();
        workers.last().becomeReady();
        launchFailure = new IllegalArgumentException("application pool 'TestPool': jvmOptions: unclosed quote");

        PendingStarts.Outcome outcome = pool.recycle().join();
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.message()).endsWith("failed to start: application pool 'TestPool': jvmOptions: unclosed"
                + " quote");
    }

    @Test
    void aNonOverlappedRecycleWaitsForTheOldWorkerToExitAndTheNewOneToBeReady() {
        settings.disallowOverlappingRotation = true;
        startPool();
        request();
        workers.last().becomeReady();

        CompletableFuture<PendingStarts.Outcome> recycle = pool.recycle();
        request();
        assertThat(recycle).as("the old worker is only draining").isNotDone();
        workers.get(0).exit(0);
        assertThat(workers.count()).isEqualTo(2);
        assertThat(recycle).as("the new one is starting").isNotDone();
        workers.last().becomeReady();
        assertThat(recycle.join().succeeded()).isTrue();
    }

    @Test
    void aRecycleOfAStoppedPoolIsAFailureAndOfAnIdleOneASuccessThatSaysSo() {
        startPool();
        assertThat(pool.recycle().join()).isEqualTo(PendingStarts.Outcome.success(
                "\"TestPool\" successfully recycled (no worker process was running)"));
        pool.stop();
        PendingStarts.Outcome stopped = pool.recycle().join();
        assertThat(stopped.succeeded()).isFalse();
        assertThat(stopped.message()).isEqualTo("application pool 'TestPool' is stopped (application pool 'TestPool' is"
                + " stopped): it has no worker process to recycle; 'lido start apppool TestPool' starts it");
    }

    @Test
    void startingAnAlwaysRunningPoolWaitsForItsWorker() {
        settings.alwaysRunning = true;
        startPool();
        workers.last().becomeReady();
        pool.stop();
        workers.get(0).exit(0);

        CompletableFuture<PendingStarts.Outcome> start = pool.start();
        assertThat(start).isNotDone();
        workers.last().exit(1);
        assertThat(start.join().succeeded()).isFalse();

        pool.stop();
        CompletableFuture<PendingStarts.Outcome> again = pool.start();
        workers.last().becomeReady();
        assertThat(again.join()).isEqualTo(PendingStarts.Outcome.success("\"TestPool\" successfully started"));
    }

    @Test
    void aPoolStoppedByConfigurationFailuresStartsAgainWithTheNextValidConfigurationEvenIfItsSettingsAreTheSame() {
        settings.rapidFailMaxCrashes = 2;
        startPool();
        request();
        workers.last().exit(ExitStatus.CONFIGURATION_ERROR);
        workers.last().exit(ExitStatus.CONFIGURATION_ERROR);
        assertThat(pool.state()).isEqualTo(PoolState.STOPPED);

        pool.reconfigure(settings.build());
        assertThat(pool.state()).isEqualTo(PoolState.STARTED);
        request();
        assertThat(workers.count()).isEqualTo(3);
    }

    @Test
    void aPoolStoppedByLaunchesItsSettingsRefusedStartsAgainWithTheNextValidConfiguration() {
        settings.rapidFailMaxCrashes = 2;
        startPool();
        launchFailure = new IllegalArgumentException("jvmOptions: unclosed quote");
        request();
        request();
        assertThat(pool.state()).isEqualTo(PoolState.STOPPED);

        launchFailure = null;
        pool.reconfigure(settings.build());
        assertThat(pool.state()).isEqualTo(PoolState.STARTED);
    }

    @Test
    void aPoolStoppedByCrashesOfItsApplicationStaysStoppedWhenNothingOfItChanged() {
        settings.rapidFailMaxCrashes = 2;
        startPool();
        for (int i = 0; i < 2; i++) {
            request();
            workers.last().becomeReady();
            workers.last().crash(1, false);
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(workers.count()).isEqualTo(2);
        assertThat(pool.state()).isEqualTo(PoolState.STOPPED);

        pool.reconfigure(settings.build());
        assertThat(pool.state()).isEqualTo(PoolState.STOPPED);
        settings.jvmOptions = "-Xmx64m";
        pool.reconfigure(settings.build());
        assertThat(pool.state()).as("a change of its settings starts it, as before").isEqualTo(PoolState.STARTED);
    }
}
