package io.lido.ipc.state;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The host store's locking, expiry, limits and client life, with a hand-moved clock. */
class StateServerTest {
    private static final String APP = "1/app";
    private static final Duration MINUTES_20 = Duration.ofMinutes(20);
    private static final Duration LOCK = Duration.ofSeconds(110);
    private static final Duration LONG_WAIT = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock();
    private final StateServer server = new StateServer(clock, new StateLimits(3, 1000, 600), Duration.ofHours(1));
    private final StateClient worker = server.client("worker A");
    private final StateClient other = server.client("worker B");

    @AfterEach
    void close() {
        server.close();
    }

    private StateGrant create(String id) throws Exception {
        StateGrant grant = get(worker.create(APP, id, MINUTES_20, true, LOCK));
        get(worker.release(APP, id, grant.lockId(), null, MINUTES_20, false));
        return grant;
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(5, TimeUnit.SECONDS);
    }

    private static StateException failure(CompletableFuture<?> future) throws Exception {
        try {
            future.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return (StateException) e.getCause();
        }
        throw new AssertionError("expected a failure, got " + future.join());
    }

    @Test
    void aSessionIsCreatedLockedAndItsItemsSurviveAcrossClients() throws Exception {
        StateGrant created = get(worker.create(APP, "s1", MINUTES_20, true, LOCK));
        assertThat(created.isNew()).isTrue();
        assertThat(created.exclusive()).isTrue();
        assertThat(SessionValueCodec.decode(created.items())).isEmpty();
        byte[] items = SessionValueCodec.encode(Map.of("count", 1));
        get(worker.release(APP, "s1", created.lockId(), items, MINUTES_20, false));
        worker.close();

        StateGrant read = get(other.acquire(APP, "s1", false, LONG_WAIT, LOCK));
        assertThat(read.isNew()).isFalse();
        assertThat(SessionValueCodec.decode(read.items())).containsEntry("count", 1);
        assertThat(get(other.acquire(APP, "unknown", true, LONG_WAIT, LOCK))).isNull();
        assertThat(get(other.acquire("2/", "s1", true, LONG_WAIT, LOCK))).as("another application").isNull();
        assertThat(server.bytes(APP)).isEqualTo(items.length);
    }

    @Test
    void creatingAnExistingSessionFails() throws Exception {
        create("s1");
        assertThat(failure(other.create(APP, "s1", MINUTES_20, true, LOCK)).kind())
                .isEqualTo(StateException.Kind.EXISTS);
    }

    @Test
    void readersShareAndAWriterWaitsForThem() throws Exception {
        create("s1");
        StateGrant reader1 = get(worker.acquire(APP, "s1", false, LONG_WAIT, LOCK));
        StateGrant reader2 = get(other.acquire(APP, "s1", false, LONG_WAIT, LOCK));
        CompletableFuture<StateGrant> writer = worker.acquire(APP, "s1", true, LONG_WAIT, LOCK);
        assertThat(writer).isNotDone();
        // A reader arriving after a waiting writer queues behind it: writers do not starve.
        CompletableFuture<StateGrant> lateReader = other.acquire(APP, "s1", false, LONG_WAIT, LOCK);
        assertThat(lateReader).isNotDone();

        get(worker.release(APP, "s1", reader1.lockId(), null, MINUTES_20, false));
        assertThat(writer).isNotDone();
        get(other.release(APP, "s1", reader2.lockId(), null, MINUTES_20, false));
        StateGrant written = get(writer);
        assertThat(written.exclusive()).isTrue();
        assertThat(lateReader).isNotDone();

        get(worker.release(APP, "s1", written.lockId(), SessionValueCodec.encode(Map.of("v", 2)), MINUTES_20,
                false));
        assertThat(SessionValueCodec.decode(get(lateReader).items())).containsEntry("v", 2);
    }

    @Test
    void writersAreSerialised() throws Exception {
        create("s1");
        StateGrant first = get(worker.acquire(APP, "s1", true, LONG_WAIT, LOCK));
        CompletableFuture<StateGrant> second = other.acquire(APP, "s1", true, LONG_WAIT, LOCK);
        CompletableFuture<StateGrant> reader = other.acquire(APP, "s1", false, LONG_WAIT, LOCK);
        assertThat(second).isNotDone();
        get(worker.release(APP, "s1", first.lockId(), null, MINUTES_20, false));
        StateGrant granted = get(second);
        assertThat(granted.lockId()).isNotEqualTo(first.lockId());
        assertThat(reader).isNotDone();
        get(other.release(APP, "s1", granted.lockId(), null, MINUTES_20, false));
        assertThat(get(reader).exclusive()).isFalse();
    }

    @Test
    void aWaitEndsWithLockTimeoutAndTheQueueMovesOn() throws Exception {
        create("s1");
        StateGrant writer = get(worker.acquire(APP, "s1", true, LONG_WAIT, LOCK));
        StateException timedOut = failure(other.acquire(APP, "s1", true, Duration.ofMillis(50), LOCK));
        assertThat(timedOut.kind()).isEqualTo(StateException.Kind.LOCK_TIMEOUT);
        assertThat(timedOut).hasMessageContaining("session s1 of application '1/app' stayed locked");
        assertThat(other.waitsPending()).as("the wait is forgotten").isZero();
        get(worker.release(APP, "s1", writer.lockId(), null, MINUTES_20, false));
        assertThat(get(other.acquire(APP, "s1", true, Duration.ZERO, LOCK))).isNotNull();
    }

    @Test
    void aLockHeldPastItsLockTimeoutIsBrokenAndItsReleaseIsStale() throws Exception {
        create("s1");
        StateGrant stuck = get(worker.acquire(APP, "s1", true, LONG_WAIT, Duration.ofSeconds(10)));
        CompletableFuture<StateGrant> waiting = other.acquire(APP, "s1", true, LONG_WAIT, LOCK);
        clock.advance(Duration.ofSeconds(9));
        server.sweep();
        assertThat(waiting).isNotDone();
        clock.advance(Duration.ofSeconds(1));
        server.sweep();
        StateGrant taken = get(waiting);
        assertThat(worker.locksHeld()).isZero();

        StateException stale = failure(worker.release(APP, "s1", stuck.lockId(),
                SessionValueCodec.encode(Map.of("lost", true)), MINUTES_20, false));
        assertThat(stale.kind()).isEqualTo(StateException.Kind.STALE_LOCK);
        get(other.release(APP, "s1", taken.lockId(), null, MINUTES_20, false));
        assertThat(SessionValueCodec.decode(get(other.acquire(APP, "s1", false, LONG_WAIT, LOCK)).items()))
                .doesNotContainKey("lost");
    }

    @Test
    void anAcquireBreaksAnOverdueLockWithoutWaitingForTheSweeper() throws Exception {
        create("s1");
        get(worker.acquire(APP, "s1", true, LONG_WAIT, Duration.ofSeconds(10)));
        clock.advance(Duration.ofSeconds(11));
        assertThat(get(other.acquire(APP, "s1", true, Duration.ZERO, LOCK))).isNotNull();
    }

    @Test
    void anIdleSessionExpiresAfterItsSlidingTimeout() throws Exception {
        create("s1");
        clock.advance(Duration.ofMinutes(19));
        StateGrant touch = get(worker.acquire(APP, "s1", false, LONG_WAIT, LOCK));
        get(worker.release(APP, "s1", touch.lockId(), null, Duration.ofMinutes(5), false));
        clock.advance(Duration.ofMinutes(4));
        server.sweep();
        assertThat(server.sessionCount(APP)).isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(get(worker.acquire(APP, "s1", true, LONG_WAIT, LOCK))).as("expired, before the sweep").isNull();
        server.sweep();
        assertThat(server.sessionCount(APP)).isZero();
    }

    @Test
    void aLockedSessionDoesNotExpireUnderItsHolder() throws Exception {
        create("s1");
        StateGrant held = get(worker.acquire(APP, "s1", true, LONG_WAIT, Duration.ofHours(1)));
        clock.advance(Duration.ofMinutes(30));
        server.sweep();
        assertThat(server.sessionCount(APP)).isEqualTo(1);
        get(worker.release(APP, "s1", held.lockId(), null, MINUTES_20, false));
    }

    @Test
    void abandonRemovesTheSessionAndWaitersFindNothing() throws Exception {
        create("s1");
        StateGrant held = get(worker.acquire(APP, "s1", true, LONG_WAIT, LOCK));
        CompletableFuture<StateGrant> waiting = other.acquire(APP, "s1", false, LONG_WAIT, LOCK);
        get(worker.release(APP, "s1", held.lockId(), null, MINUTES_20, true));
        assertThat(get(waiting)).isNull();
        assertThat(server.sessionCount(APP)).isZero();
        assertThat(get(other.create(APP, "s1", MINUTES_20, true, LOCK)).isNew()).as("the id may be reused").isTrue();
    }

    @Test
    void closingAClientReleasesItsLocksAndEndsItsWaitsButKeepsTheSessions() throws Exception {
        create("s1");
        create("s2");
        get(worker.acquire(APP, "s1", true, LONG_WAIT, LOCK));
        StateGrant otherHolds = get(other.acquire(APP, "s2", true, LONG_WAIT, LOCK));
        CompletableFuture<StateGrant> workerWaits = worker.acquire(APP, "s2", true, LONG_WAIT, LOCK);
        CompletableFuture<StateGrant> otherWaits = other.acquire(APP, "s1", true, LONG_WAIT, LOCK);

        worker.close();

        assertThat(failure(workerWaits).kind()).isEqualTo(StateException.Kind.UNAVAILABLE);
        assertThat(get(otherWaits)).as("the crashed worker's lock is gone").isNotNull();
        assertThat(worker.locksHeld()).isZero();
        assertThat(server.sessionCount(APP)).isEqualTo(2);
        assertThat(failure(worker.create(APP, "s3", MINUTES_20, true, LOCK)).kind())
                .isEqualTo(StateException.Kind.UNAVAILABLE);
        get(other.release(APP, "s2", otherHolds.lockId(), null, MINUTES_20, false));
    }

    @Test
    void limitsRefuseWithAClearErrorAndKeepTheOldItems() throws Exception {
        create("s1");
        create("s2");
        create("s3");
        StateException full = failure(worker.create(APP, "s4", MINUTES_20, true, LOCK));
        assertThat(full.kind()).isEqualTo(StateException.Kind.LIMIT);
        assertThat(full).hasMessageContaining("application '1/app' has 3 sessions in the StateServer, its limit");

        StateGrant held = get(worker.acquire(APP, "s1", true, LONG_WAIT, LOCK));
        StateException tooBig = failure(worker.release(APP, "s1", held.lockId(), new byte[601], MINUTES_20, false));
        assertThat(tooBig.kind()).isEqualTo(StateException.Kind.LIMIT);
        assertThat(tooBig).hasMessageContaining("600 bytes per session");
        assertThat(worker.locksHeld()).as("released all the same").isZero();

        byte[] items = SessionValueCodec.encode(Map.of("x", new byte[400]));
        for (String id : new String[]{"s1", "s2"}) {
            StateGrant grant = get(worker.acquire(APP, id, true, LONG_WAIT, LOCK));
            get(worker.release(APP, id, grant.lockId(), items, MINUTES_20, false));
        }
        StateGrant third = get(worker.acquire(APP, "s3", true, LONG_WAIT, LOCK));
        assertThat(failure(worker.release(APP, "s3", third.lockId(), items, MINUTES_20, false)))
                .hasMessageContaining("over the StateServer limit of 1000 bytes per application");
        assertThat(server.bytes(APP)).isEqualTo(2L * items.length + SessionValueCodec.encode(Map.of()).length);
    }

    @Test
    void aSharedLockCannotWriteAndAStrangersLockIsNotItsToRelease() throws Exception {
        create("s1");
        StateGrant reader = get(worker.acquire(APP, "s1", false, LONG_WAIT, LOCK));
        assertThat(failure(worker.release(APP, "s1", reader.lockId(), new byte[]{1, 0, 0, 0, 0}, MINUTES_20, false))
                .kind()).isEqualTo(StateException.Kind.INVALID);
        assertThat(failure(other.release(APP, "s1", reader.lockId(), null, MINUTES_20, false)).kind())
                .isEqualTo(StateException.Kind.STALE_LOCK);
        get(worker.release(APP, "s1", reader.lockId(), null, MINUTES_20, false));
        assertThatThrownBy(() -> new StateLimits(1, 1, StateLimits.FRAME_LIMIT + 1))
                .hasMessageContaining("the most one frame carries");
    }
}
