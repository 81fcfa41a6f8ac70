package io.lido.runtime.session;

import io.lido.runtime.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InProcSessionStoreTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration TWENTY = Duration.ofMinutes(20);

    private final TestClock clock = new TestClock();
    private final List<String> ended = new CopyOnWriteArrayList<>();
    private final InProcSessionStore store = new InProcSessionStore("/test", clock, Duration.ofSeconds(110),
            (id, items, timeout) -> ended.add(id + "=" + items));

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aNewSessionIsLockedAndItsItemsAreSavedOnRelease() throws Exception {
        SessionLease lease = store.create("s1", TWENTY, true);
        assertThat(lease.isNew()).isTrue();
        assertThat(lease.items()).isEmpty();
        store.release(lease, new SessionUpdate(Map.of("n", 1), TWENTY, false));

        SessionLease again = store.acquire("s1", true, WAIT);
        assertThat(again.isNew()).isFalse();
        assertThat(again.items()).containsEntry("n", 1);
        again.items().put("n", 2);
        store.release(again, SessionUpdate.unchanged(again));

        assertThat(store.acquire("s1", false, WAIT).items())
                .as("a release without items keeps what was stored, whatever the lease's copy became")
                .containsEntry("n", 1);
    }

    @Test
    void anUnknownSessionIsNullAndADuplicateCreateIsRefused() throws Exception {
        assertThat(store.acquire("nope", true, WAIT)).isNull();
        store.create("s1", TWENTY, true);
        assertThatThrownBy(() -> store.create("s1", TWENTY, true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("s1");
    }

    @Test
    void readersShareAndAWriterWaitsForThem() throws Exception {
        store.release(store.create("s1", TWENTY, true), new SessionUpdate(new HashMap<>(), TWENTY, false));
        SessionLease r1 = store.acquire("s1", false, WAIT);
        SessionLease r2 = store.acquire("s1", false, WAIT);
        assertThat(r1.lockId()).isNotEqualTo(r2.lockId());

        CompletableFuture<SessionLease> writer = CompletableFuture.supplyAsync(() -> acquire("s1", true));
        assertThat(waitsAtLeast(writer)).isTrue();
        store.release(r1, SessionUpdate.unchanged(r1));
        assertThat(waitsAtLeast(writer)).isTrue();
        store.release(r2, SessionUpdate.unchanged(r2));
        assertThat(writer.get(5, TimeUnit.SECONDS).exclusive()).isTrue();
    }

    @Test
    void aWaitingWriterHoldsBackNewReaders() throws Exception {
        store.release(store.create("s1", TWENTY, true), new SessionUpdate(new HashMap<>(), TWENTY, false));
        SessionLease reader = store.acquire("s1", false, WAIT);
        CompletableFuture<SessionLease> writer = CompletableFuture.supplyAsync(() -> acquire("s1", true));
        assertThat(waitsAtLeast(writer)).isTrue();

        CompletableFuture<SessionLease> lateReader = CompletableFuture.supplyAsync(() -> acquire("s1", false));
        assertThat(waitsAtLeast(lateReader)).as("readers queue behind a waiting writer").isTrue();

        store.release(reader, SessionUpdate.unchanged(reader));
        SessionLease written = writer.get(5, TimeUnit.SECONDS);
        assertThat(lateReader).isNotDone();
        store.release(written, SessionUpdate.unchanged(written));
        assertThat(lateReader.get(5, TimeUnit.SECONDS).exclusive()).isFalse();
    }

    @Test
    void aConflictingLockNotGrantedInTimeFailsWithLockTimeout() throws Exception {
        store.create("s1", TWENTY, true);
        assertThatThrownBy(() -> store.acquire("s1", false, Duration.ofMillis(50)))
                .isInstanceOf(SessionLockTimeoutException.class).hasMessageContaining("s1");
    }

    @Test
    void aLockHeldLongerThanTheLockTimeoutIsBrokenAndItsLateReleaseChangesNothing() throws Exception {
        SessionLease lost = store.create("s1", TWENTY, true);
        clock.advance(Duration.ofSeconds(111));

        SessionLease next = store.acquire("s1", true, WAIT);
        assertThat(next).isNotNull();
        store.release(lost, new SessionUpdate(Map.of("stale", true), TWENTY, false));
        store.release(next, new SessionUpdate(Map.of("n", 7), TWENTY, false));

        assertThat(store.acquire("s1", false, WAIT).items()).containsOnlyKeys("n");
    }

    @Test
    void aSessionExpiresAfterItsSlidingTimeoutWithSessionEnd() throws Exception {
        SessionLease lease = store.create("s1", TWENTY, true);
        store.release(lease, new SessionUpdate(Map.of("n", 1), TWENTY, false));
        clock.advance(Duration.ofMinutes(19));
        SessionLease touched = store.acquire("s1", false, WAIT);
        store.release(touched, SessionUpdate.unchanged(touched));
        clock.advance(Duration.ofMinutes(19));
        store.sweep();
        assertThat(store.size()).as("each request slides the timeout").isEqualTo(1);

        clock.advance(Duration.ofMinutes(2));
        store.sweep();
        assertThat(store.size()).isZero();
        assertThat(ended).containsExactly("s1={n=1}");
        assertThat(store.acquire("s1", true, WAIT)).isNull();
    }

    @Test
    void anExpiredSessionFoundOnAccessEndsThen() throws Exception {
        store.release(store.create("s1", Duration.ofMinutes(1), true), new SessionUpdate(Map.of("a", "b"), Duration.ofMinutes(1), false));
        clock.advance(Duration.ofMinutes(1));
        assertThat(store.acquire("s1", true, WAIT)).isNull();
        assertThat(ended).containsExactly("s1={a=b}");
    }

    @Test
    void aLockedSessionDoesNotExpire() throws Exception {
        SessionLease held = store.create("s1", Duration.ofMinutes(1), true);
        clock.advance(Duration.ofMinutes(5));
        store.sweep();
        assertThat(store.size()).isEqualTo(1);
        assertThat(ended).isEmpty();
        store.release(held, SessionUpdate.unchanged(held));
    }

    @Test
    void abandonRemovesTheSessionWithSessionEnd() throws Exception {
        SessionLease lease = store.create("s1", TWENTY, true);
        store.release(lease, new SessionUpdate(Map.of("n", 1), TWENTY, false));
        SessionLease again = store.acquire("s1", true, WAIT);
        store.release(again, new SessionUpdate(null, TWENTY, true));

        assertThat(ended).containsExactly("s1={n=1}");
        assertThat(store.acquire("s1", true, WAIT)).isNull();
    }

    @Test
    void aChangedTimeoutAppliesFromTheRelease() throws Exception {
        SessionLease lease = store.create("s1", TWENTY, true);
        store.release(lease, new SessionUpdate(null, Duration.ofMinutes(1), false));
        clock.advance(Duration.ofSeconds(61));
        store.sweep();
        assertThat(store.size()).isZero();
    }

    @Test
    void closeDropsTheSessionsWithoutSessionEnd() {
        store.create("s1", TWENTY, false);
        store.close();
        assertThat(store.size()).isZero();
        assertThat(ended).isEmpty();
        assertThatThrownBy(() -> store.create("s2", TWENTY, true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void theSharedSweeperSweepsOpenStoresAndForgetsClosedOnes() throws Exception {
        java.util.concurrent.CountDownLatch ends = new java.util.concurrent.CountDownLatch(1);
        TestClock otherClock = new TestClock();
        List<String> otherEnded = new CopyOnWriteArrayList<>();
        InProcSessionStore other = new InProcSessionStore("/other", otherClock, Duration.ofSeconds(110), (id, items, t) -> {
            otherEnded.add(id);
            ends.countDown();
        });
        other.release(other.create("o1", Duration.ofMinutes(1), true), new SessionUpdate(null, Duration.ofMinutes(1), false));
        store.release(store.create("s1", Duration.ofMinutes(1), true), new SessionUpdate(null, Duration.ofMinutes(1), false));
        assertThat(SessionSweeper.shared().sweeps(store)).isTrue();
        store.close();
        assertThat(SessionSweeper.shared().sweeps(store)).as("a closed store (its domain) is let go").isFalse();
        clock.advance(Duration.ofMinutes(2));
        otherClock.advance(Duration.ofMinutes(2));

        SessionSweeper.shared().sweepAll();
        assertThat(ends.await(5, TimeUnit.SECONDS)).as("the open store was swept").isTrue();
        assertThat(otherEnded).containsExactly("o1");
        assertThat(ended).isEmpty();
        other.close();
    }

    private SessionLease acquire(String id, boolean exclusive) {
        try {
            return store.acquire(id, exclusive, WAIT);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when the future is still waiting a moment later (it is blocked on the lock). */
    private static boolean waitsAtLeast(CompletableFuture<?> future) throws InterruptedException {
        Thread.sleep(150);
        return !future.isDone();
    }
}
