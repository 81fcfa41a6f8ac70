package io.lido.activation;

import io.lido.ipc.HeaderList;
import io.lido.ipc.RequestBody;
import io.lido.ipc.RequestHead;
import io.lido.ipc.frame.FaultCodec;
import io.lido.ipc.link.WorkerHungException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request that brings its worker down takes down one worker: it gets 502 at once, the innocent requests in flight
 * are replayed, and rapid-fail protection counts one failure per bad request (fake workers, a hand-driven clock).
 */
class CrashReplayTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T10:00:00Z"));
    private final FakeLauncher launcher = new FakeLauncher();
    private final List<String> errors = new ArrayList<>();
    private final PoolSettings settings = new PoolSettings();
    private ApplicationPool pool;
    private long nextId = 1;

    private void startPool() {
        pool = new ApplicationPool(settings.build(), launcher, clock, Runnable::run,
                (head, status, reason, poolName) -> errors.add(status + " " + head.rawTarget()));
        pool.start();
    }

    private RecordingResponse get(String path, String remoteAddress) {
        RecordingResponse response = new RecordingResponse();
        pool.dispatch(new RequestHead(nextId++, "GET", path, path, "", 1, new HeaderList(), remoteAddress, 5000,
                "127.0.0.1", 80, false, 1, "Site", "/", 0), RequestBody.EMPTY, response);
        return response;
    }

    private RecordingResponse get(String path) {
        return get(path, "127.0.0.1");
    }

    @Test
    void aRequestThatCallsSystemExitGets502AtOnceAndTheInnocentOneInFlightIsReplayed() {
        startPool();
        RecordingResponse slow = get("/slow");
        RecordingResponse exit = get("/exit");
        FakeLink first = launcher.last().becomeReady();

        first.fault(first.sent.get(1), FaultCodec.Kind.EXIT, "System.exit(3) in request 2 GET /exit");
        assertThat(pool.workers()).as("it takes no new request and no ping while it exits").first()
                .satisfies(w -> assertThat(w.state()).isEqualTo("Stopping"));
        RecordingResponse next = get("/next");
        assertThat(launcher.count()).as("the next request starts the next worker at once").isEqualTo(2);
        launcher.get(0).crash(3, false);

        assertThat(exit.status()).isEqualTo(502);
        assertThat(exit.text()).contains("System.exit(3)");
        assertThat(errors).containsExactly("502 /exit");
        assertThat(slow.untouched()).as("replayed, not failed").isTrue();
        assertThat(launcher.count()).isEqualTo(2);
        FakeLink second = launcher.last().becomeReady();
        assertThat(second.sent).extracting(FakeLink.Sent::response).containsExactly(slow, next);
    }

    @Test
    void aNativeCrashUnderOneRequestAnswersIt502WithoutStartingASecondWorker() {
        startPool();
        RecordingResponse segv = get("/segv");
        launcher.last().becomeReady();

        launcher.last().crash(134, false); // the JVM's abort after SIGSEGV

        assertThat(segv.status()).isEqualTo(502);
        assertThat(segv.text()).contains("SIGABRT").contains("alone");
        assertThat(launcher.count()).as("nothing to replay: no new worker").isEqualTo(1);
    }

    @Test
    void fiveBadRequestsTripAPoolOfFiveMaxCrashesAndFourDoNot() {
        settings.rapidFailMaxCrashes = 5;
        startPool();
        for (int i = 1; i <= 5; i++) {
            RecordingResponse bad = get("/exit");
            FakeLink link = launcher.last().becomeReady();
            link.fault(link.sent.getFirst(), FaultCodec.Kind.EXIT, "System.exit(3)");
            launcher.last().crash(3, false);
            assertThat(bad.status()).isEqualTo(502);
            assertThat(launcher.count()).as("one worker per bad request").isEqualTo(i);
            assertThat(pool.state()).as("after %d bad requests", i)
                    .isEqualTo(i < 5 ? PoolState.STARTED : PoolState.STOPPED);
            clock.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void aWorkerThatReportsItselfHungIsReplacedAtOnceAndOnlyItsHungRequestGets502() {
        settings.pingInterval = Duration.ofSeconds(5);
        settings.pingResponseTime = Duration.ofSeconds(10);
        startPool();
        RecordingResponse hang = get("/hang");
        RecordingResponse other = get("/other");
        FakeWorker first = launcher.last();
        FakeLink link = first.becomeReady();

        clock.advance(Duration.ofSeconds(5));
        pool.tick();
        link.fault(link.sent.getFirst(), FaultCodec.Kind.HUNG, "request 1 GET /hang made no progress for 11000 ms");
        link.pings.getFirst().completeExceptionally(new WorkerHungException("worker pid 1000 is hung: ..."));

        assertThat(first.events).as("not at the ping's deadline: now").containsExactly("dump", "kill");
        link.die(false);
        assertThat(hang.status()).isEqualTo(502);
        assertThat(errors).containsExactly("502 /hang");
        assertThat(other.untouched()).isTrue();
        FakeLink second = launcher.last().becomeReady();
        assertThat(second.sent).extracting(FakeLink.Sent::response).containsExactly(other);
    }

    @Test
    void outOfMemoryRecyclesTheWorkerOverlappedWithTheReasonShown() {
        startPool();
        get("/grow");
        FakeLink first = launcher.last().becomeReady();

        first.fault(null, FaultCodec.Kind.OUT_OF_MEMORY, "OutOfMemoryError in request 1 GET /grow: Java heap space");

        assertThat(launcher.count()).as("a replacement starts; the old worker serves meanwhile").isEqualTo(2);
        assertThat(first.drained).isFalse();
        assertThat(pool.workers()).first().satisfies(w -> {
            assertThat(w.state()).isEqualTo("Recycling");
            assertThat(w.recycleReason()).isEqualTo("OutOfMemory");
        });
        first.fault(null, FaultCodec.Kind.OUT_OF_MEMORY, "again");
        assertThat(launcher.count()).as("one recycle").isEqualTo(2);
        launcher.last().becomeReady();
        assertThat(first.drained).isTrue();
    }

    @Test
    void a502ToARemoteClientSaysNothingOfTheMachineWhileALocalOneGetsTheDetail() {
        startPool();
        RecordingResponse remote = get("/segv", "203.0.113.9");
        RecordingResponse local = get("/segv");
        launcher.last().becomeReady();

        launcher.last().crash(139, false);

        assertThat(remote.status()).isEqualTo(502);
        assertThat(remote.text()).isEqualTo("502 Bad Gateway\r\n");
        assertThat(local.text()).contains("pid", "SIGSEGV");
    }
}
