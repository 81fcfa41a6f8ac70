package io.lido.activation;

import io.lido.ipc.HeaderList;
import io.lido.ipc.RequestBody;
import io.lido.ipc.RequestHead;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The pool's state machine with fake workers and a hand-driven clock: no processes, no sleeping. */
class ApplicationPoolTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T10:00:00Z"));
    private final FakeLauncher launcher = new FakeLauncher();
    private final List<String> errors = new ArrayList<>();
    private final PoolSettings settings = new PoolSettings();
    private final HeldTasks poolThread = new HeldTasks();
    private ApplicationPool pool;
    private long nextId = 1;

    private ApplicationPool startPool() {
        pool = new ApplicationPool(settings.build(), launcher, clock, poolThread,
                (head, status, reason, poolName) -> errors.add(status + " " + reason.split(" ")[0]));
        pool.start();
        return pool;
    }

    private RecordingResponse request(String method) {
        return request(method, 0);
    }

    private RecordingResponse request(String method, long contentLength) {
        RecordingResponse response = new RecordingResponse();
        RequestHead head = new RequestHead(nextId++, method, "/x", "/x", "", 1, new HeaderList(), "127.0.0.1", 5000,
                "127.0.0.1", 80, false, 1, "Site", "/", contentLength);
        pool.dispatch(head, RequestBody.EMPTY, response);
        return response;
    }

    private void advance(Duration by) {
        clock.advance(by);
        pool.tick();
    }

    @Test
    void onDemandPoolStartsItsFirstWorkerWithTheFirstRequestAndQueuesUntilReady() {
        startPool();
        assertThat(launcher.count()).isZero();

        RecordingResponse response = request("GET");
        assertThat(launcher.count()).isEqualTo(1);
        assertThat(pool.queued()).isEqualTo(1);
        request("GET");
        assertThat(launcher.count()).as("one worker starts, not one per request").isEqualTo(1);

        FakeLink link = launcher.last().becomeReady();
        assertThat(link.sent).hasSize(2);
        assertThat(pool.queued()).isZero();
        assertThat(response.untouched()).isTrue();
        assertThat(pool.workers()).singleElement().satisfies(w -> {
            assertThat(w.state()).isEqualTo("Running");
            assertThat(w.inFlight()).isEqualTo(2);
        });
    }

    @Test
    void alwaysRunningPoolStartsAWorkerAtOnce() {
        settings.alwaysRunning = true;
        startPool();
        assertThat(launcher.count()).isEqualTo(1);
    }

    @Test
    void fullQueueAnswers503AtOnceAndRecordsQueueFull() {
        settings.queueLength = 2;
        startPool();
        request("GET");
        request("GET");
        RecordingResponse third = request("GET");

        assertThat(third.status()).isEqualTo(503);
        assertThat(third.ended).isTrue();
        assertThat(errors).containsExactly("503 QueueFull");
    }

    @Test
    void queuedRequestsOfAGoneClientAreDropped() {
        startPool();
        RecordingResponse gone = request("GET");
        RecordingResponse waiting = request("GET");
        gone.clientConnected = false;

        FakeLink link = launcher.last().becomeReady();
        assertThat(link.sent).extracting(s -> s.response()).containsExactly(waiting);
        assertThat(gone.aborted).isNotNull();
    }

    @Test
    void workerNotReadyWithinStartupTimeLimitIsKilledAndWaitingRequestsGet503() {
        settings.startupTimeLimit = Duration.ofSeconds(10);
        startPool();
        RecordingResponse response = request("GET");

        advance(Duration.ofSeconds(9));
        assertThat(launcher.last().killed()).isFalse();
        assertThat(response.untouched()).isTrue();

        advance(Duration.ofSeconds(2));
        assertThat(launcher.get(0).killed()).isTrue();
        assertThat(response.status()).isEqualTo(503);
        assertThat(errors).containsExactly("503 AppPoolTimer");
    }

    @Test
    void aWorkerRunsAtMostMaxConcurrentRequestsAndTheRestWaitsInTheQueue() {
        settings.maxConcurrentRequests = 2;
        startPool();
        request("GET");
        FakeLink link = launcher.last().becomeReady();
        request("GET");
        request("GET");
        assertThat(link.sent).hasSize(2);
        assertThat(pool.queued()).isEqualTo(1);

        link.sent.getFirst().events().completed();
        assertThat(link.sent).hasSize(3);
        assertThat(pool.queued()).isZero();
    }

    @Test
    void requestsQueuedBehindABusyWorkerTimeOutWithAReasonThatSaysSoNotTheStartupTimer() {
        settings.maxConcurrentRequests = 1;
        settings.startupTimeLimit = Duration.ofSeconds(10);
        startPool();
        request("GET");
        launcher.last().becomeReady();
        RecordingResponse queued = request("GET");

        advance(Duration.ofSeconds(11));
        assertThat(queued.status()).isEqualTo(503);
        assertThat(errors).containsExactly("503 Timer_AppPool");
        assertThat(launcher.last().killed()).as("a busy worker is not a failed start").isFalse();
    }

    @Test
    void aWorkerThatDoesNotAnswerThePingIsDumpedThenKilledAndReplaced() {
        settings.pingInterval = Duration.ofSeconds(5);
        settings.pingResponseTime = Duration.ofSeconds(10);
        startPool();
        request("GET");
        FakeWorker first = launcher.last();
        FakeLink link = first.becomeReady();

        advance(Duration.ofSeconds(5));
        assertThat(link.pings).hasSize(1);
        link.pong();
        advance(Duration.ofSeconds(5));
        assertThat(link.pings).as("a new ping after each interval").hasSize(2);

        advance(Duration.ofSeconds(2));
        RecordingResponse afterPing = request("GET");
        advance(Duration.ofSeconds(9)); // no pong
        assertThat(first.events).containsExactly("dump", "kill");

        // The GET that ran when the worker stopped answering gets 502 (a replay would hang the next worker too);
        // the one sent after the unanswered ping is replayed on the replacement.
        link.die(false);
        assertThat(link.sent.getFirst().response()).isInstanceOfSatisfying(RecordingResponse.class,
                hung -> assertThat(hung.status()).isEqualTo(502));
        assertThat(afterPing.untouched()).isTrue();
        assertThat(launcher.count()).isEqualTo(2);
        FakeLink second = launcher.last().becomeReady();
        assertThat(second.sent).extracting(FakeLink.Sent::response).containsExactly(afterPing);
    }

    @Test
    void recycleByRequestsIsOverlappedTheOldWorkerDrainsOnlyOnceTheNewOneIsReady() {
        settings.recycleRequests = 2;
        startPool();
        request("GET");
        FakeLink old = launcher.last().becomeReady();
        request("GET");

        assertThat(launcher.count()).as("the replacement starts").isEqualTo(2);
        assertThat(old.drained).isFalse();
        request("GET");
        assertThat(old.sent).as("the old worker serves until its replacement is ready").hasSize(3);

        FakeLink replacement = launcher.last().becomeReady();
        assertThat(old.drained).isTrue();
        request("GET");
        assertThat(replacement.sent).hasSize(1);
        assertThat(old.sent).hasSize(3);

        launcher.get(0).exit(0);
        assertThat(errors).isEmpty();
        assertThat(pool.workers()).singleElement().extracting(WorkerInfo::pid).isEqualTo(launcher.get(1).pid);
    }

    @Test
    void disallowOverlappingRotationStopsTheOldWorkerBeforeStartingTheNewOne() {
        settings.disallowOverlappingRotation = true;
        startPool();
        request("GET");
        FakeLink old = launcher.last().becomeReady();

        pool.recycle();
        assertThat(old.drained).isTrue();
        request("GET");
        assertThat(launcher.count()).as("no new worker while the old one runs").isEqualTo(1);

        launcher.get(0).exit(0);
        assertThat(launcher.count()).isEqualTo(2);
        FakeLink next = launcher.last().becomeReady();
        assertThat(next.sent).hasSize(1);
    }

    @Test
    void recycleByTimeAndByMemory() {
        settings.recycleTime = Duration.ofMinutes(10);
        settings.privateMemoryKb = 100_000;
        startPool();
        request("GET");
        launcher.last().becomeReady();
        launcher.last().link.sent.forEach(FakeLink.Sent::complete);

        advance(Duration.ofMinutes(10));
        assertThat(launcher.count()).as("time limit reached").isEqualTo(2);
        launcher.last().becomeReady();
        launcher.get(0).exit(0);

        FakeWorker second = launcher.last();
        second.rssKb = 100_001;
        advance(Duration.ofSeconds(1));
        assertThat(launcher.count()).as("memory limit reached").isEqualTo(3);
        assertThat(second.link.drained).isFalse();
        launcher.last().becomeReady();
        assertThat(second.link.drained).isTrue();
    }

    @Test
    void recycleBySchedule() {
        settings.schedule.add(LocalTime.of(10, 30));
        settings.idleTimeout = Duration.ZERO;
        settings.pingingEnabled = false;
        startPool();
        request("GET");
        launcher.last().becomeReady().sent.forEach(FakeLink.Sent::complete);

        advance(Duration.ofMinutes(29));
        assertThat(launcher.count()).isEqualTo(1);
        advance(Duration.ofMinutes(2));
        assertThat(launcher.count()).isEqualTo(2);
        launcher.last().becomeReady();
        advance(Duration.ofMinutes(2));
        assertThat(launcher.count()).as("once per scheduled time").isEqualTo(2);
    }

    @Test
    void idleWorkerIsStoppedAndTheNextRequestStartsANewOne() {
        settings.idleTimeout = Duration.ofMinutes(20);
        startPool();
        request("GET");
        FakeLink link = launcher.last().becomeReady();
        link.sent.getFirst().complete();

        advance(Duration.ofMinutes(19));
        assertThat(link.drained).isFalse();
        advance(Duration.ofMinutes(1));
        assertThat(link.drained).isTrue();
        launcher.last().exit(0);
        assertThat(pool.workers()).isEmpty();

        request("GET");
        assertThat(launcher.count()).isEqualTo(2);
        assertThat(errors).isEmpty();
    }

    @Test
    void aKillFromOutsideReplaysAnUnansweredGetOnceAndAnswers502TheSecondTime() {
        startPool();
        RecordingResponse get = request("GET");
        launcher.last().becomeReady();

        launcher.last().crash(137, false);
        assertThat(get.untouched()).as("replayed, not failed").isTrue();
        assertThat(launcher.count()).isEqualTo(2);
        FakeLink second = launcher.last().becomeReady();
        assertThat(second.sent).extracting(s -> s.response()).containsExactly(get);

        launcher.last().crash(137, false);
        assertThat(get.status()).isEqualTo(502);
        assertThat(errors).containsExactly("502 Connection_Abandoned_By_AppPool");
    }

    @Test
    void aCrashNeverReplaysAPostOrAStartedResponse() {
        startPool();
        RecordingResponse post = request("POST", 5);
        RecordingResponse get = request("GET");
        launcher.last().becomeReady();

        launcher.last().link.sent.get(1).events().responseStarted();
        launcher.last().link.sent.get(0).events().failed("worker died", false);
        launcher.last().link.sent.get(1).events().failed("worker died", true);

        assertThat(post.status()).isEqualTo(502);
        assertThat(get.head).as("the link wrote the head, the pool must not").isNull();
        assertThat(get.aborted).isNotNull();
        assertThat(launcher.last().link.sent).hasSize(2);
    }

    @Test
    void aPostTheLinkRefusedBeforeSendingRunsOnTheReplacementInsteadOfFailing() {
        startPool();
        request("GET");
        FakeLink first = launcher.last().becomeReady();
        first.sent.getFirst().complete();
        first.dropSilently(); // the worker just died; its close notice has not reached the pool

        RecordingResponse post = request("POST", 5);
        assertThat(post.untouched()).as("not failed: it was never sent").isTrue();
        assertThat(launcher.count()).isEqualTo(2);
        FakeLink second = launcher.last().becomeReady();
        assertThat(second.sent).extracting(s -> s.response()).containsExactly(post);
    }

    @Test
    void rapidFailProtectionStopsThePoolUntilItIsStartedAgain() {
        settings.rapidFailMaxCrashes = 3;
        settings.rapidFailInterval = Duration.ofMinutes(5);
        startPool();
        request("GET");
        for (int i = 0; i < 3; i++) {
            launcher.last().exit(1); // fails before READY: the queued request keeps waiting for the next one
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(pool.state()).isEqualTo(PoolState.STOPPED);
        assertThat(launcher.count()).isEqualTo(3);

        RecordingResponse refused = request("GET");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.text()).contains("rapid-fail");
        assertThat(errors).contains("503 AppOffline");

        pool.start();
        RecordingResponse served = request("GET");
        assertThat(launcher.count()).isEqualTo(4);
        launcher.last().becomeReady();
        assertThat(served.untouched()).isTrue();
        assertThat(launcher.last().link.sent).hasSize(1);
    }

    @Test
    void crashesSpreadOverMoreThanTheIntervalDoNotStopThePool() {
        settings.rapidFailMaxCrashes = 2;
        settings.rapidFailInterval = Duration.ofMinutes(1);
        startPool();
        request("GET");
        launcher.last().becomeReady();
        launcher.last().crash(137, false); // killed from outside: the GET is innocent and replayed
        clock.advance(Duration.ofMinutes(2));
        launcher.last().becomeReady();
        launcher.last().crash(137, false);
        assertThat(pool.state()).isEqualTo(PoolState.STARTED);
    }

    @Test
    void aConfigurationChangeRecyclesAndRestartsARapidFailStoppedPool() {
        settings.rapidFailMaxCrashes = 1;
        startPool();
        request("GET");
        launcher.last().exit(1);
        assertThat(pool.state()).isEqualTo(PoolState.STOPPED);

        settings.jvmOptions = "-Xmx64m";
        pool.reconfigure(settings.build());
        assertThat(pool.state()).isEqualTo(PoolState.STARTED);
        request("GET");
        assertThat(launcher.last().config.jvmOptions()).isEqualTo("-Xmx64m");
    }

    @Test
    void aConfigurationChangeRecyclesRunningWorkersUnlessDisallowed() {
        startPool();
        request("GET");
        launcher.last().becomeReady();
        settings.jvmOptions = "-Xmx64m";
        pool.reconfigure(settings.build());
        assertThat(launcher.count()).isEqualTo(2);

        settings.disallowRotationOnConfigChange = true;
        settings.jvmOptions = "-Xmx32m";
        pool.reconfigure(settings.build());
        assertThat(launcher.count()).isEqualTo(2);
    }

    @Test
    void aRequestToAReadyWorkerGoesStraightToItsLinkAndItsCompletionNeedsNoPoolTask() {
        startPool();
        request("GET");
        FakeLink link = launcher.last().becomeReady();
        poolThread.hold();

        request("GET");
        assertThat(link.sent).as("sent without the pool's thread").hasSize(2);
        link.sent.get(1).complete();
        assertThat(poolThread.held()).as("nothing queued: the completion is only counted").isZero();

        poolThread.release();
        assertThat(pool.workers()).singleElement().satisfies(w -> {
            assertThat(w.inFlight()).isEqualTo(1);
            assertThat(w.requests()).isEqualTo(2);
        });
    }

    @Test
    void aRequestDoesNotGoStraightToAWorkerPastOneThePoolHasNotPlacedYet() {
        settings.maxProcesses = 2;
        startPool();
        request("GET");
        FakeLink first = launcher.last().becomeReady();
        FakeLink second = launcher.last().becomeReady();
        first.sent.getFirst().complete();
        poolThread.hold();
        first.announceClose(); // the pool's thread has not handled the close notice yet

        RecordingResponse post = request("POST", 5); // refused by the first worker's link: back to the pool
        RecordingResponse get = request("GET"); // must wait behind it, though the second worker has room
        assertThat(second.sent).isEmpty();

        poolThread.release();
        assertThat(second.sent).extracting(s -> s.response()).containsExactly(post, get);
        assertThat(post.untouched()).isTrue();
    }

    @Test
    void aWorkerGettingRequestsStraightIsStillRecycledAtItsRequestLimit() {
        settings.recycleRequests = 3;
        startPool();
        request("GET");
        FakeLink first = launcher.last().becomeReady();
        request("GET");
        request("GET");
        assertThat(first.sent).hasSize(3);
        assertThat(launcher.count()).as("the replacement starts at the third request").isEqualTo(2);
        launcher.last().becomeReady();
        assertThat(first.drained).isTrue();
    }

    @Test
    void webGardenStartsMoreWorkersWhenBusyAndPicksTheLeastBusy() {
        settings.maxProcesses = 2;
        startPool();
        request("GET");
        FakeLink first = launcher.last().becomeReady();
        assertThat(launcher.count()).as("the only worker is busy").isEqualTo(2);
        FakeLink second = launcher.last().becomeReady();

        request("GET");
        assertThat(second.sent).hasSize(1);
        request("GET");
        request("GET");
        assertThat(first.sent).hasSize(2);
        assertThat(second.sent).hasSize(2);
        assertThat(launcher.count()).as("never more than maxProcesses").isEqualTo(2);
    }

    @Test
    void administratorStopAnswers503AndDrainsWorkers() {
        startPool();
        request("GET");
        FakeLink link = launcher.last().becomeReady();
        pool.stop();
        assertThat(link.drained).isTrue();
        RecordingResponse refused = request("GET");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(errors).containsExactly("503 Disabled");
    }

    @Test
    void drainedWorkerThatDoesNotExitWithinShutdownTimeLimitIsKilled() {
        settings.shutdownTimeLimit = Duration.ofSeconds(5);
        startPool();
        request("GET");
        launcher.last().becomeReady();
        pool.recycle();
        launcher.last().becomeReady();
        FakeWorker old = launcher.get(0);
        assertThat(old.link.drained).isTrue();
        advance(Duration.ofSeconds(6));
        assertThat(old.killed()).isTrue();
        assertThat(pool.state()).isEqualTo(PoolState.STARTED);
    }

    @Test
    void aDrainedWorkerWritingItsAotCacheHasItsExitGraceInsteadOfTheShutdownTimeLimit() {
        settings.shutdownTimeLimit = Duration.ofSeconds(5);
        startPool();
        request("GET");
        FakeWorker old = launcher.last();
        old.exitGrace = Duration.ofSeconds(60);
        old.becomeReady();
        pool.recycle();
        launcher.last().becomeReady();
        assertThat(old.link.drained).isTrue();
        advance(Duration.ofSeconds(2));
        old.link.announceClose(); // drained: the worker closed its connection, its JVM writes the cache
        advance(Duration.ofSeconds(30));
        assertThat(old.killed()).as("within its exit grace").isFalse();
        advance(Duration.ofSeconds(31));
        assertThat(old.killed()).as("past its exit grace").isTrue();
    }

    @Test
    void shutdownDrainsEveryWorkerAndWaitsForThemToExit() {
        startPool();
        request("GET");
        FakeWorker worker = launcher.last();
        worker.becomeReady();
        Thread exiter = Thread.ofVirtual().start(() -> {
            while (!worker.link.drained) {
                Thread.onSpinWait();
            }
            worker.exit(0);
        });
        pool.shutdown(Duration.ofSeconds(5));
        assertThat(worker.link.drained).isTrue();
        assertThat(worker.killed()).isFalse();
        assertThat(pool.workers()).isEmpty();
        exiter.interrupt();
    }
}
