package io.lido.runtime.stateserver;

import io.lido.ipc.state.StateChannel;
import io.lido.ipc.state.StateGrant;
import io.lido.ipc.state.StateLimits;
import io.lido.ipc.state.StateServer;
import io.lido.runtime.session.SessionLease;
import io.lido.runtime.session.SessionLockTimeoutException;
import io.lido.runtime.session.SessionStore;
import io.lido.runtime.session.SessionUpdate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The runtime's view of the StateServer, against a real host store in this JVM (the in-process connector). */
class StateServerSessionStoreTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(20);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final StateServer server = new StateServer(Clock.systemUTC(), StateLimits.DEFAULT, Duration.ofSeconds(1));
    private final SessionStore store = StateServerSessionStore.connector(server.client("in-process applications"))
            .open("1/app", Duration.ofSeconds(110));

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void itemsRoundTripThroughTheEncodedForm() throws Exception {
        SessionLease created = store.create("abc", TIMEOUT, true);
        assertThat(created.isNew()).isTrue();
        assertThat(created.items()).isEmpty();
        Map<String, Object> items = new HashMap<>(created.items());
        items.put("count", 1);
        items.put("cart", List.of("book", 2L));
        store.release(created, new SessionUpdate(items, TIMEOUT, false));

        SessionLease read = store.acquire("abc", false, WAIT);
        assertThat(read.isNew()).isFalse();
        assertThat(read.exclusive()).isFalse();
        assertThat(read.items()).containsEntry("count", 1).containsEntry("cart", List.of("book", 2L));
        store.release(read, SessionUpdate.unchanged(read));
        assertThat(store.acquire("missing", true, WAIT)).isNull();
        assertThatThrownBy(() -> store.create("abc", TIMEOUT, true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("session abc of application '1/app' exists");
    }

    @Test
    void anUnsafeValueIsRefusedAtSetAndAtReleaseWithoutLeakingTheLock() throws Exception {
        assertThatThrownBy(() -> store.checkValue("cart", new StringBuilder("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("session value 'cart' of type java.lang.StringBuilder cannot be stored by "
                        + "StateServer");
        store.checkValue("fine", Map.of("a", List.of(1, 2)));

        SessionLease lease = store.create("abc", TIMEOUT, true);
        assertThatThrownBy(() -> store.release(lease, new SessionUpdate(Map.of("bad", new Object()), TIMEOUT, false)))
                .hasMessageContaining("session value 'bad' of type java.lang.Object");
        SessionLease again = store.acquire("abc", true, Duration.ZERO);
        assertThat(again).as("the lock was released despite the refusal").isNotNull();
        assertThat(again.items()).isEmpty();
    }

    @Test
    void aConflictingLockTimesOutAsTheRuntimeExpects() throws Exception {
        SessionLease writer = store.create("abc", TIMEOUT, true);
        assertThatThrownBy(() -> store.acquire("abc", false, Duration.ofMillis(50)))
                .isInstanceOf(SessionLockTimeoutException.class).hasMessageContaining("stayed locked");
        store.release(writer, SessionUpdate.unchanged(writer));
    }

    @Test
    void aReleaseOfABrokenLockLosesItsChangesWithoutFailingTheRequest() throws Exception {
        SessionStore quickBreak = StateServerSessionStore.connector(server.client("other"))
                .open("1/app", Duration.ZERO);
        SessionLease stale = quickBreak.create("abc", TIMEOUT, true);
        SessionLease taker = store.acquire("abc", true, WAIT);
        assertThat(taker).as("a zero lock timeout lets the next request break the lock").isNotNull();
        quickBreak.release(stale, new SessionUpdate(Map.of("lost", true), TIMEOUT, false));
        store.release(taker, SessionUpdate.unchanged(taker));
        assertThat(store.acquire("abc", false, WAIT).items()).doesNotContainKey("lost");
    }

    @Test
    void anInterruptedWaitGivesTheLockBackWhenItComes() throws Exception {
        SessionLease writer = store.create("abc", TIMEOUT, true);
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                store.acquire("abc", true, WAIT);
            } catch (InterruptedException expected) {
                // what the test wants
            }
        });
        Thread.sleep(50);
        waiter.interrupt();
        waiter.join(5000);
        store.release(writer, SessionUpdate.unchanged(writer));
        assertThat(store.acquire("abc", true, Duration.ofSeconds(2))).as("not leaked to the interrupted waiter")
                .isNotNull();
    }

    @Test
    void aReleaseWithNothingToStoreDoesNotWaitForTheAnswer() {
        CompletableFuture<Void> never = new CompletableFuture<>();
        StateChannel silent = new StateChannel() {
            @Override
            public CompletableFuture<StateGrant> acquire(String app, String id,
                    boolean exclusive, Duration wait, Duration lockTimeout) {
                throw new AssertionError();
            }

            @Override
            public CompletableFuture<StateGrant> create(String app, String id,
                    Duration timeout, boolean exclusive, Duration lockTimeout) {
                throw new AssertionError();
            }

            @Override
            public CompletableFuture<Void> release(String app, String id, long lockId,
                    byte[] items, Duration timeout, boolean abandon) {
                return never;
            }
        };
        SessionStore remote = StateServerSessionStore.connector(silent).open("1/app", Duration.ofSeconds(110));
        SessionLease shared = new SessionLease("abc", 7, false, Map.of(), TIMEOUT, false);
        remote.release(shared, SessionUpdate.unchanged(shared));
        SessionLease exclusive = new SessionLease("abc", 8, true, Map.of(), TIMEOUT, false);
        remote.release(exclusive, SessionUpdate.unchanged(exclusive));
        assertThat(never).as("both returned without an answer").isNotDone();
    }

    @Test
    void abandonRemovesTheSession() throws Exception {
        SessionLease lease = store.create("abc", TIMEOUT, true);
        store.release(lease, new SessionUpdate(null, TIMEOUT, true));
        assertThat(store.acquire("abc", true, WAIT)).isNull();
        assertThat(server.sessionCount("1/app")).isZero();
    }

    @Test
    void concurrentWritersNeverLoseAnIncrement() throws Exception {
        SessionLease created = store.create("abc", TIMEOUT, true);
        store.release(created, new SessionUpdate(Map.of("count", 0), TIMEOUT, false));
        int threads = 8;
        int rounds = 50;
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger failures = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                    for (int i = 0; i < rounds; i++) {
                        SessionLease lease = store.acquire("abc", true, WAIT);
                        Map<String, Object> items = new HashMap<>(lease.items());
                        items.put("count", (Integer) items.get("count") + 1);
                        store.release(lease, new SessionUpdate(items, TIMEOUT, false));
                    }
                } catch (Exception | AssertionError e) {
                    failures.incrementAndGet();
                }
            }));
        }
        go.countDown();
        for (Thread worker : workers) {
            assertThat(worker.join(Duration.ofSeconds(30))).isTrue();
        }
        assertThat(failures).hasValue(0);
        assertThat(store.acquire("abc", false, WAIT).items()).containsEntry("count", threads * rounds);
    }
}
