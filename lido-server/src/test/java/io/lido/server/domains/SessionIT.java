package io.lido.server.domains;

import io.lido.server.activation.HostProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.lido.server.activation.HostProcess.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4 part 8 through the distribution with the session-counter sample: {@code /counter} in an
 * outOfProcess pool (sessions in the host's StateServer, the default there) and {@code /icounter} in an
 * inProcess pool (InProc). Which concurrent requests of one session overlap is shown by the sample's
 * meeting handlers: two requests that run at the same time meet, one that waits for the session lock
 * arrives after its partner gave up.
 */
class SessionIT {
    private static final String COOKIE = "ASP.NET_SessionId";
    private static final Duration LONG = Duration.ofSeconds(40);

    @TempDir
    static Path dir;
    private static HostProcess host;

    @BeforeAll
    static void startHost() throws Exception {
        Path config = new DomainSite().application("counter", DomainSite.WORKERS)
                .application("icounter", DomainSite.IN_HOST).write(dir);
        SampleApps.sessionCounter(dir.resolve("counter"));
        SampleApps.sessionCounter(dir.resolve("icounter"));
        host = HostProcess.start(config, Map.of());
    }

    @AfterAll
    static void stopHost() throws Exception {
        if (host != null) {
            host.close();
        }
    }

    @ParameterizedTest(name = "/{0}counter")
    @ValueSource(strings = {"", "i"})
    void theCounterCountsPerSessionAndTheCookieIsHttpOnly(String prefix) throws Exception {
        String app = "/" + prefix + "counter/";
        Browser first = new Browser(host, COOKIE);
        Browser second = new Browser(host, COOKIE);
        assertThat(first.get(app + "peek")).as("a read-only request creates no session").isEqualTo("count=0");
        assertThat(first.sessionId()).isNull();
        assertThat(first.get(app + "count")).isEqualTo("count=1 new=true");
        assertThat(first.lastSetCookie()).containsIgnoringCase("HttpOnly").containsIgnoringCase("path=/");
        assertThat(first.get(app + "count")).isEqualTo("count=2 new=false");
        assertThat(second.get(app + "count")).isEqualTo("count=1 new=true");
        assertThat(first.get(app + "count")).isEqualTo("count=3 new=false");
        assertThat(first.get(app + "peek")).isEqualTo("count=3");
        assertThat(second.sessionId()).isNotEqualTo(first.sessionId());
    }

    @Test
    void aStateServerSessionSurvivesARecycleAndAKillOfTheWorker() throws Exception {
        Browser browser = new Browser(host, COOKIE);
        assertThat(browser.get("/counter/count")).isEqualTo("count=1 new=true");
        assertThat(browser.get("/counter/count")).isEqualTo("count=2 new=false");
        long first = onlyWorker();

        HostProcess.CliResult recycle = host.cli("recycle", "apppool", DomainSite.WORKERS);
        assertThat(recycle.status()).as(recycle.output()).isZero();
        awaitTrue(() -> ProcessHandle.of(first).isEmpty(), LONG, "the recycled worker to exit");
        assertThat(browser.get("/counter/count")).as("after the recycle").isEqualTo("count=3 new=false");
        long second = onlyWorker();
        assertThat(second).isNotEqualTo(first);

        ProcessHandle.of(second).orElseThrow().destroyForcibly();
        awaitTrue(() -> ProcessHandle.of(second).isEmpty(), LONG, "the killed worker to be gone");
        assertThat(browser.get("/counter/count")).as("after kill -9 of the worker").isEqualTo("count=4 new=false");
        assertThat(onlyWorker()).isNotEqualTo(second);
    }

    @ParameterizedTest(name = "/{0}counter")
    @ValueSource(strings = {"", "i"})
    void writersOfOneSessionRunOneAfterTheOther(String prefix) throws Exception {
        String meet = "/" + prefix + "counter/meet-write?wait=700&key=";
        Browser browser = new Browser(host, COOKIE);
        browser.get("/" + prefix + "counter/count");
        assertThat(both(browser.getAsync(meet + "w1"), browser.getAsync(meet + "w1")))
                .as("the second writer waited for the first one's session lock").isEqualTo("alone alone");
        assertThat(browser.get("/" + prefix + "counter/peek")).as("both writers counted").isEqualTo("count=3");

        // The same two requests from two browsers (two sessions) do overlap.
        Browser other = new Browser(host, COOKIE);
        assertThat(both(browser.getAsync(meet + "w2"), other.getAsync(meet + "w2"))).isEqualTo("together together");
    }

    @ParameterizedTest(name = "/{0}counter")
    @ValueSource(strings = {"", "i"})
    void readersOfOneSessionOverlapAndRequestsWithoutASessionNeverWait(String prefix) throws Exception {
        String app = "/" + prefix + "counter/";
        Browser browser = new Browser(host, COOKIE);
        browser.get(app + "count");
        String key = UUID.randomUUID().toString();
        assertThat(both(browser.getAsync(app + "meet-read?key=r" + key), browser.getAsync(app + "meet-read?key=r" + key)))
                .isEqualTo("together together");
        // A writer holds the session while it waits; a handler without the session marker still gets in.
        assertThat(both(browser.getAsync(app + "meet-write?key=n" + key), browser.getAsync(app + "meet?key=n" + key)))
                .isEqualTo("together together");
    }

    private static String both(CompletableFuture<String> one, CompletableFuture<String> two) {
        return one.join() + " " + two.join();
    }

    private static long onlyWorker() {
        awaitTrue(() -> host.workers().size() == 1, LONG, "exactly one worker process");
        return host.workers().getFirst().pid();
    }
}
