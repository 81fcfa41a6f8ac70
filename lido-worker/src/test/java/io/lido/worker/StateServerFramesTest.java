package io.lido.worker;

import io.lido.ipc.link.WorkerEndpoint;
import io.lido.ipc.link.WorkerLink;
import io.lido.ipc.state.StateClient;
import io.lido.ipc.state.StateGrant;
import io.lido.ipc.state.StateServer;
import io.lido.runtime.session.SessionLease;
import io.lido.runtime.session.SessionLockTimeoutException;
import io.lido.runtime.session.SessionStore;
import io.lido.runtime.session.SessionUpdate;
import io.lido.runtime.stateserver.StateServerSessionStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A worker's sessions in the host's StateServer: the runtime's store in the worker, STATE_* frames over a real Unix
 * domain socket, the host link relaying them to the store.
 */
class StateServerFramesTest {
    private static final String APP = "1/";
    private static final Duration TIMEOUT = Duration.ofMinutes(20);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private final StateServer server = StateServer.start();
    private WorkerEndpoint endpoint;
    private Worker worker;
    private WorkerLink link;

    private SessionStore connect(StateServer host) throws Exception {
        TestSite site = TestSite.create(dir);
        endpoint = WorkerEndpoint.listen(dir.resolve("w.sock"), host, TestSite.POOL, site.configuration());
        if (host != null) {
            host.poolApplications(Map.of(TestSite.POOL, Set.of(APP)));
        }
        worker = Worker.start(new WorkerOptions(TestSite.POOL, endpoint.socketPath()));
        link = endpoint.ready().get(10, TimeUnit.SECONDS);
        return StateServerSessionStore.connector(worker.serverForTests().stateChannel())
                .open(APP, Duration.ofSeconds(110));
    }

    @AfterEach
    void stop() throws Exception {
        if (link != null) {
            link.close();
        }
        if (endpoint != null) {
            endpoint.close();
        }
        if (worker != null) {
            assertThat(worker.exit().get(10, TimeUnit.SECONDS)).isZero();
        }
        server.close();
    }

    @Test
    void aSessionWrittenByTheWorkerLivesInTheHost() throws Exception {
        SessionStore store = connect(server);
        SessionLease created = store.create("abc", TIMEOUT, true);
        assertThat(created.isNew()).isTrue();
        store.release(created, new SessionUpdate(Map.of("count", 1, "seen", List.of("a", "b")), TIMEOUT, false));
        assertThat(server.sessionCount(APP)).isEqualTo(1);

        SessionLease read = store.acquire("abc", false, WAIT);
        assertThat(read.items()).containsEntry("count", 1).containsEntry("seen", List.of("a", "b"));
        store.release(read, SessionUpdate.unchanged(read));
        assertThat(store.acquire("nobody", true, WAIT)).isNull();
        assertThatThrownBy(() -> store.create("abc", TIMEOUT, true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("session abc of application '1/' exists");
    }

    @Test
    void aWaitingAcquireIsAnsweredWhenTheHolderReleases() throws Exception {
        SessionStore store = connect(server);
        SessionLease created = store.create("abc", TIMEOUT, true);
        store.release(created, new SessionUpdate(Map.of("v", 1), TIMEOUT, false));
        StateClient other = server.client("another worker");
        StateGrant held = other.acquire(APP, "abc", true, WAIT, Duration.ofSeconds(110)).get(5, TimeUnit.SECONDS);

        CompletableFuture<SessionLease> waiting = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                waiting.complete(store.acquire("abc", true, WAIT));
            } catch (Throwable e) {
                waiting.completeExceptionally(e);
            }
        });
        Thread.sleep(100);
        assertThat(waiting).isNotDone();
        other.release(APP, "abc", held.lockId(), io.lido.ipc.state.SessionValueCodec.encode(Map.of("v", 2)), TIMEOUT,
                false).get(5, TimeUnit.SECONDS);
        SessionLease granted = waiting.get(5, TimeUnit.SECONDS);
        assertThat(granted.items()).containsEntry("v", 2);
        store.release(granted, SessionUpdate.unchanged(granted));

        other.acquire(APP, "abc", true, WAIT, Duration.ofSeconds(110)).get(5, TimeUnit.SECONDS);
        assertThatThrownBy(() -> store.acquire("abc", false, Duration.ofMillis(100)))
                .isInstanceOf(SessionLockTimeoutException.class);
    }

    @Test
    void whenTheWorkerConnectionClosesItsLocksGoAndItsSessionsStay() throws Exception {
        SessionStore store = connect(server);
        SessionLease locked = store.create("abc", TIMEOUT, true);
        assertThat(locked.exclusive()).isTrue();

        link.close();
        assertThat(worker.exit().get(10, TimeUnit.SECONDS)).isZero();

        StateClient next = server.client("the next worker");
        StateGrant taken = next.acquire(APP, "abc", true, Duration.ofSeconds(5), Duration.ofSeconds(110))
                .get(10, TimeUnit.SECONDS);
        assertThat(taken).as("the session survived, its lock did not").isNotNull();
        assertThat(server.sessionCount(APP)).isEqualTo(1);
        assertThatThrownBy(() -> store.acquire("abc", true, WAIT)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("StateServer in the host cannot be reached");
    }

    @Test
    void aWorkerReachesOnlyTheSessionsOfItsOwnPoolsApplications() throws Exception {
        connect(server);
        SessionStore foreign = StateServerSessionStore.connector(worker.serverForTests().stateChannel())
                .open("2/admin", Duration.ofSeconds(110));
        StateServerSessionStore.connector(server.client("the admin pool")).open("2/admin", Duration.ofSeconds(110))
                .create("secret", TIMEOUT, false);
        assertThatThrownBy(() -> foreign.acquire("secret", true, WAIT)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("application '2/admin' is not hosted by application pool 'TestPool'");
        assertThat(link.isOpen()).isTrue();
    }

    @Test
    void aHostWithoutAStateServerAnswersUnavailable() throws Exception {
        SessionStore store = connect(null);
        assertThatThrownBy(() -> store.create("abc", TIMEOUT, true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("this host runs no StateServer");
        assertThat(link.isOpen()).as("not a protocol error").isTrue();
    }
}
