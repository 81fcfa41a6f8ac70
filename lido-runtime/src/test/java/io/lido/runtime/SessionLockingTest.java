package io.lido.runtime;

import io.lido.runtime.testing.CapturedResponse;
import io.lido.runtime.testing.RuntimeHarness;
import io.lido.runtime.testing.RuntimeTestBase;
import io.lido.runtime.testing.SessionApp;
import io.lido.runtime.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ASP.NET's session locking through HttpRuntime.dispatch: requests of one session to writing handlers run one
 * after the other, read-only ones overlap, and a handler without session state never waits.
 */
class SessionLockingTest extends RuntimeTestBase {
    /** How long a request that must wait is given to (wrongly) get through. */
    private static final long BLOCKED_MS = 300;

    private final TestClock clock = new TestClock();
    private String session;

    @BeforeEach
    void start() {
        harness = new RuntimeHarness(dir, "/").jar(SessionApp.SOURCES);
        harness.handlers()
                .add("handler", "name", "Count", "path", "count", "verb", "*", "type", "app.CounterHandler")
                .add("handler", "name", "Write", "path", "write", "verb", "*", "type", "app.WriteGate")
                .add("handler", "name", "Read", "path", "read", "verb", "*", "type", "app.ReadGate")
                .add("handler", "name", "Plain", "path", "plain", "verb", "*", "type", "app.PlainHandler");
        harness.start(clock, null);
        String setCookie = harness.get("/count").header("Set-Cookie");
        session = setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    }

    private CapturedResponse dispatch(String path) {
        return harness.request("GET", path).header("Cookie", "ASP.NET_SessionId=" + session).dispatch();
    }

    private CountDownLatch[] gates(int entering) {
        CountDownLatch entered = new CountDownLatch(entering);
        CountDownLatch release = new CountDownLatch(1);
        harness.runtime().applicationState().set("entered", entered);
        harness.runtime().applicationState().set("release", release);
        return new CountDownLatch[] {entered, release};
    }

    @Test
    void twoWritingRequestsOfOneSessionRunOneAfterTheOther() throws Exception {
        CountDownLatch[] first = gates(1);
        CapturedResponse a = dispatch("/write");
        assertThat(first[0].await(5, TimeUnit.SECONDS)).isTrue();

        CountDownLatch[] second = gates(1);
        CapturedResponse b = dispatch("/write");
        assertThat(second[0].await(BLOCKED_MS, TimeUnit.MILLISECONDS)).as("the second waits for the session").isFalse();

        first[1].countDown();
        assertThat(a.await().body()).isEqualTo("passed");
        assertThat(second[0].await(5, TimeUnit.SECONDS)).as("the second runs once the first released").isTrue();
        second[1].countDown();
        assertThat(b.await().body()).isEqualTo("passed");
    }

    @Test
    void readOnlyRequestsOfOneSessionOverlap() throws Exception {
        CountDownLatch[] both = gates(2);
        CapturedResponse a = dispatch("/read");
        CapturedResponse b = dispatch("/read");

        assertThat(both[0].await(5, TimeUnit.SECONDS)).as("both inside their handlers at once").isTrue();
        both[1].countDown();
        assertThat(a.await().body()).isEqualTo("passed");
        assertThat(b.await().body()).isEqualTo("passed");
    }

    @Test
    void aReadOnlyRequestWaitsForAWriterButAHandlerWithoutSessionStateDoesNot() throws Exception {
        CountDownLatch[] writer = gates(1);
        CapturedResponse write = dispatch("/write");
        assertThat(writer[0].await(5, TimeUnit.SECONDS)).isTrue();

        CapturedResponse plain = dispatch("/plain");
        assertThat(plain.awaitQuietly(Duration.ofSeconds(5))).as("no session, no wait").isTrue();
        assertThat(plain.body()).isEqualTo("session=null");

        CountDownLatch[] reader = gates(1);
        CapturedResponse read = dispatch("/read");
        assertThat(reader[0].await(BLOCKED_MS, TimeUnit.MILLISECONDS)).as("the reader waits for the writer").isFalse();

        writer[1].countDown();
        assertThat(write.await().body()).isEqualTo("passed");
        assertThat(reader[0].await(5, TimeUnit.SECONDS)).isTrue();
        reader[1].countDown();
        assertThat(read.await().body()).isEqualTo("passed");
    }

    @Test
    void aLockHeldLongerThanTheExecutionTimeoutIsBrokenForTheWaitingRequest() throws Exception {
        CountDownLatch[] first = gates(1);
        CapturedResponse a = dispatch("/write");
        assertThat(first[0].await(5, TimeUnit.SECONDS)).isTrue();
        CountDownLatch[] second = gates(1);
        CapturedResponse b = dispatch("/write");
        assertThat(second[0].await(BLOCKED_MS, TimeUnit.MILLISECONDS)).isFalse();

        clock.advance(Duration.ofSeconds(111));
        assertThat(second[0].await(5, TimeUnit.SECONDS)).as("the waiter got the broken lock while the first still runs")
                .isTrue();
        first[1].countDown();
        second[1].countDown();
        assertThat(a.await().body()).isEqualTo("passed");
        assertThat(b.await().body()).isEqualTo("passed");
    }

    @Test
    void requestsOfDifferentSessionsDoNotWaitForEachOther() throws Exception {
        CountDownLatch[] both = gates(2);
        CapturedResponse mine = dispatch("/write");
        CapturedResponse theirs = harness.request("GET", "/write").dispatch();

        assertThat(both[0].await(5, TimeUnit.SECONDS)).isTrue();
        both[1].countDown();
        assertThat(mine.await().body()).isEqualTo("passed");
        assertThat(theirs.await().body()).isEqualTo("passed");
    }
}
