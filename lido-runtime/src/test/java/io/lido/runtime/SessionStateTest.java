package io.lido.runtime;

import io.lido.config.ConfigException;
import io.lido.config.HostingModel;
import io.lido.config.SourceLocation;
import io.lido.runtime.session.InProcSessionStore;
import io.lido.runtime.session.SessionLease;
import io.lido.runtime.session.SessionStore;
import io.lido.runtime.testing.TestClock;
import io.lido.runtime.session.SessionUpdate;
import io.lido.runtime.session.StateServerConnector;
import io.lido.runtime.testing.CapturedResponse;
import io.lido.runtime.testing.RuntimeHarness;
import io.lido.runtime.testing.RuntimeTestBase;
import io.lido.runtime.testing.SessionApp;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Session state through HttpRuntime.dispatch: cookie, counter, read-only, abandon, expiry, config errors, StateServer wiring. */
class SessionStateTest extends RuntimeTestBase {
    private final TestClock clock = new TestClock();

    private RuntimeHarness app(String appPath) {
        harness = new RuntimeHarness(dir, appPath).jar(SessionApp.SOURCES);
        harness.handlers()
                .add("handler", "name", "Count", "path", "count", "verb", "*", "type", "app.CounterHandler")
                .add("handler", "name", "Read", "path", "read", "verb", "*", "type", "app.ReadHandler")
                .add("handler", "name", "Plain", "path", "plain", "verb", "*", "type", "app.PlainHandler")
                .add("handler", "name", "Abandon", "path", "abandon", "verb", "*", "type", "app.AbandonHandler")
                .add("handler", "name", "Timeout", "path", "timeout", "verb", "*", "type", "app.TimeoutHandler")
                .add("handler", "name", "Fail", "path", "fail", "verb", "*", "type", "app.FailHandler")
                .add("handler", "name", "Probe", "path", "probe", "verb", "*", "type", "app.SessionProbe")
                .add("handler", "name", "Clear", "path", "clear", "verb", "*", "type", "app.ClearingHandler");
        return harness;
    }

    private RuntimeHarness appWithGlobal() {
        app("/").config.section("system.web/httpApplication").set("type", "app.SessionGlobal");
        return harness;
    }

    private CapturedResponse get(String target, String cookie) {
        var request = harness.request("GET", target);
        if (cookie != null) {
            request.header("Cookie", "other=1; ASP.NET_SessionId=" + cookie);
        }
        return request.send();
    }

    private static String sessionId(CapturedResponse response) {
        String setCookie = response.header("Set-Cookie");
        assertThat(setCookie).as("Set-Cookie").isNotNull();
        return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    }

    @Test
    void aCounterKeepsCountingAcrossRequestsOfOneSession() {
        app("/").start(clock, null);
        CapturedResponse first = get("/count", null);
        String id = sessionId(first);
        assertThat(first.body()).isEqualTo("n=1 new=true id=" + id);
        assertThat(first.header("Set-Cookie")).isEqualTo("ASP.NET_SessionId=" + id + "; Path=/; HttpOnly; SameSite=Lax");

        CapturedResponse second = get("/count", id);
        assertThat(second.body()).isEqualTo("n=2 new=false id=" + id);
        assertThat(second.header("Set-Cookie")).as("the browser already has the cookie").isNull();
        assertThat(get("/count", id).body()).startsWith("n=3 ");
        assertThat(get("/count", null).body()).as("another browser, another session").startsWith("n=1 new=true");
    }

    @Test
    void theCookieCarriesTheApplicationPathSecureAndTheConfiguredNameAndSameSite() {
        app("/shop").config.section("system.web/sessionState").set("cookieName", "Shop.Session")
                .set("cookieSameSite", "Strict");
        harness.start(clock, null);
        CapturedResponse response = harness.request("GET", "/shop/count").secure().send();

        assertThat(response.header("Set-Cookie")).matches(
                "Shop\\.Session=[a-z0-5]{24}; Path=/shop; Secure; HttpOnly; SameSite=Strict");
    }

    @Test
    void aNewSessionsCookieSurvivesAResponseClearedAfterTheSessionStarted() {
        app("/").start(clock, null);
        CapturedResponse response = get("/clear", null);
        assertThat(response.body()).isEqualTo("final");
        String id = sessionId(response);
        assertThat(response.headers().getAll("Set-Cookie")).hasSize(1);
        assertThat(get("/count", id).body()).startsWith("n=2 new=false");
    }

    @Test
    void sameSiteUnspecifiedWritesNoAttribute() {
        app("/").config.section("system.web/sessionState").set("cookieSameSite", "Unspecified");
        harness.start(clock, null);
        assertThat(get("/count", null).header("Set-Cookie")).matches("ASP.NET_SessionId=[a-z0-5]{24}; Path=/; HttpOnly");
    }

    @Test
    void aReadOnlyHandlerReadsButCannotWriteAndCreatesNoSession() {
        app("/").start(clock, null);
        CapturedResponse without = get("/read", null);
        assertThat(without.body()).startsWith("n=null readOnly=true refused=cannot set \"n\" in session ")
                .contains("read-only");
        assertThat(without.header("Set-Cookie")).isNull();

        String id = sessionId(get("/count", null));
        assertThat(get("/read", id).body()).startsWith("n=1 readOnly=true refused=");
        assertThat(get("/count", id).body()).as("the refused write changed nothing").startsWith("n=2 ");
    }

    @Test
    void handlersWithoutTheMarkerGetNoSessionEvenWithACookie() {
        app("/").start(clock, null);
        String id = sessionId(get("/count", null));
        assertThat(get("/plain", id).body()).isEqualTo("session=null");
    }

    @Test
    void modeOffGivesNoSessionToAnyHandler() {
        app("/").config.section("system.web/sessionState").set("mode", "Off");
        harness.start(clock, null);
        assertThat(get("/probe", null).body()).isEqualTo("session=null");
    }

    @Test
    void anAbandonedSessionEndsAndTheNextRequestStartsAFreshOne() {
        appWithGlobal().start(clock, null);
        CapturedResponse first = get("/count", null);
        String id = sessionId(first);
        assertThat(get("/abandon", id).body()).isEqualTo("abandoned " + id);
        assertThat(harness.runtime().applicationState().get("ended:" + id)).isEqualTo("1 tccl=true readOnly=true");

        CapturedResponse next = get("/count", id);
        assertThat(next.body()).startsWith("n=1 new=true");
        assertThat(sessionId(next)).as("regenerateExpiredSessionId: a new id").isNotEqualTo(id);
    }

    @Test
    void aSessionExpiresAfterItsTimeoutWithSessionEnd() {
        appWithGlobal().config.section("system.web/sessionState").set("timeout", "1200"); // the test schema reads durations as seconds
        harness.start(clock, null);
        String id = sessionId(get("/count", null));
        clock.advance(Duration.ofMinutes(19));
        assertThat(get("/count", id).body()).startsWith("n=2 ");
        clock.advance(Duration.ofMinutes(19));
        assertThat(get("/count", id).body()).as("sliding").startsWith("n=3 ");

        clock.advance(Duration.ofMinutes(21));
        CapturedResponse after = get("/count", id);
        assertThat(after.body()).startsWith("n=1 new=true");
        assertThat(harness.runtime().applicationState().get("ended:" + id)).isEqualTo("3 tccl=true readOnly=true");
    }

    @Test
    void aHandlerMayShortenTheTimeout() {
        app("/").start(clock, null);
        String id = sessionId(get("/count", null));
        assertThat(get("/timeout?minutes=1", id).body()).isEqualTo("timeout=1");
        clock.advance(Duration.ofSeconds(61));
        assertThat(get("/count", id).body()).startsWith("n=1 new=true");
        assertThat(get("/timeout?minutes=0", id).status()).isEqualTo(500);
    }

    @Test
    void anUnknownOrMalformedIdGetsANewSession() {
        app("/").start(clock, null);
        CapturedResponse unknown = get("/count", "abcdefghijklmnopqrstuvwx");
        assertThat(sessionId(unknown)).isNotEqualTo("abcdefghijklmnopqrstuvwx").matches("[a-z0-5]{24}");
        CapturedResponse malformed = get("/count", "../../etc;x");
        assertThat(malformed.body()).startsWith("n=1 new=true");
        assertThat(sessionId(malformed)).matches("[a-z0-5]{24}");
    }

    @Test
    void withoutRegenerationAnUnknownWellFormedIdIsReused() {
        app("/").config.section("system.web/sessionState").set("regenerateExpiredSessionId", "false");
        harness.start(clock, null);
        CapturedResponse response = get("/count", "abcdefghijklmnopqrstuvwx");
        assertThat(response.body()).isEqualTo("n=1 new=true id=abcdefghijklmnopqrstuvwx");
        assertThat(get("/count", "abcdefghijklmnopqrstuvwx").body()).startsWith("n=2 new=false");
    }

    @Test
    void aFailedRequestsSessionChangesAreDiscardedAndItsLockReleased() {
        app("/").start(clock, null);
        String id = sessionId(get("/count", null));
        assertThat(get("/fail", id).status()).isEqualTo(500);
        assertThat(get("/count", id).body()).startsWith("n=2 ");
    }

    @Test
    void globalSessionStartRunsForEveryNewSessionOfAWritingHandler() {
        appWithGlobal().start(clock, null);
        assertThat(get("/read", null).header("Set-Cookie")).as("read-only requests start nothing").isNull();
        assertThat(harness.runtime().applicationState().get("starts")).isNull();

        CapturedResponse probe = get("/probe", null);
        String id = sessionId(probe);
        assertThat(harness.runtime().applicationState().get("starts")).isEqualTo(1);
        assertThat(get("/count", id).body()).startsWith("n=1 new=false");
        assertThat(harness.runtime().applicationState().get("starts")).isEqualTo(1);
    }

    @Test
    void unsupportedModesAndCookielessAreRefusedAtStartNamingTheAttribute() {
        Path file = Path.of("/site/web.config");
        app("/").config.section("system.web/sessionState").set("mode", "SQLServer").at(new SourceLocation(file, 7));
        assertThatThrownBy(() -> harness.start(clock, null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("/site/web.config:7")
                .hasMessageContaining("<sessionState> in system.web: attribute \"mode\" value \"SQLServer\" is not supported by Lido; use InProc or StateServer");

        harness.close();
        app("/").config.section("system.web/sessionState").set("cookieless", "UseUri");
        assertThatThrownBy(() -> harness.start(clock, null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("attribute \"cookieless\" value \"UseUri\" is not supported by Lido");
    }

    @Test
    void stateServerModeWithoutAStateServerIsAConfigurationError() {
        app("/").config.section("system.web/sessionState").set("mode", "StateServer");
        assertThatThrownBy(() -> harness.start(clock, null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("StateServer is not available in this process");
    }

    @Test
    void stateServerModeOpensTheApplicationsStoreAndChecksValuesAtSet() {
        app("/shop").config.section("system.web/sessionState").set("mode", "StateServer");
        harness.config.section("system.web/httpRuntime").set("executionTimeout", "30");
        RecordingConnector connector = new RecordingConnector(clock);
        harness.start(clock, connector);

        assertThat(connector.opened).containsExactly("1/shop PT30S");
        CapturedResponse refused = get("/shop/count", null);
        assertThat(refused.status()).isEqualTo(500);
        // The request leaves the in-flight count just after its response ends, on its own thread.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (harness.runtime().inFlight() != 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(harness.runtime().inFlight()).isZero();
    }

    @Test
    void withoutAWrittenModeAnOutOfProcessPoolUsesTheStateServerAndAnInProcessPoolInProc() {
        app("/").config.pool("DefaultAppPool", HostingModel.OUT_OF_PROCESS);
        RecordingConnector connector = new RecordingConnector(clock);
        harness.start(clock, connector);
        assertThat(connector.opened).containsExactly("1/ PT1M50S");
        harness.close();

        app("/").config.pool("DefaultAppPool", HostingModel.IN_PROCESS);
        RecordingConnector unused = new RecordingConnector(clock);
        harness.start(clock, unused);
        assertThat(unused.opened).isEmpty();
        assertThat(get("/count", null).body()).startsWith("n=1 ");
    }

    @Test
    void thePoolOfTheApplicationIsFoundWhateverTheCaseOfItsName() {
        // IIS pool names are case-insensitive: applicationPool="DefaultAppPool" names the pool "defaultapppool".
        app("/").config.pool("defaultapppool", HostingModel.OUT_OF_PROCESS);
        RecordingConnector connector = new RecordingConnector(clock);
        harness.start(clock, connector);
        assertThat(connector.opened).containsExactly("1/ PT1M50S");
    }

    @Test
    void onlyHandlersWithTheMarkerTouchTheStoreAndReadersNeverCreate() {
        app("/").config.section("system.web/sessionState").set("mode", "StateServer");
        RecordingConnector connector = new RecordingConnector(clock);
        harness.start(clock, connector);
        RecordingConnector store = connector.acceptingAnyValue();
        String id = "abcdefghijklmnopqrstuvwx";

        get("/plain", id);
        get("/plain", null);
        get("/read", null);
        assertThat(store.calls).as("no marker: nothing; read-only without a session: nothing").isEmpty();

        get("/read", id);
        assertThat(store.calls).containsExactly("acquire shared");
        store.calls.clear();
        assertThat(get("/probe", null).body()).startsWith("session=Session[");
        assertThat(store.calls).as("a writer that changes nothing creates nothing").isEmpty();
        get("/count", null);
        assertThat(store.calls).containsExactly("create", "release with items");
    }

    /** A StateServer stand-in: an InProc store that, like the real one, refuses values other than strings here. */
    private static final class RecordingConnector implements StateServerConnector {
        final List<String> opened = new ArrayList<>();
        final List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Clock clock;

        private boolean stringsOnly = true;

        RecordingConnector(Clock clock) {
            this.clock = clock;
        }

        RecordingConnector acceptingAnyValue() {
            stringsOnly = false;
            return this;
        }

        @Override
        public SessionStore open(String applicationKey, Duration lockTimeout) {
            opened.add(applicationKey + " " + lockTimeout);
            InProcSessionStore inner = new InProcSessionStore(applicationKey, clock, lockTimeout, (id, items, t) -> {
            });
            return new SessionStore() {
                @Override
                public SessionLease acquire(String id, boolean exclusive, Duration wait) throws InterruptedException {
                    calls.add("acquire " + (exclusive ? "exclusive" : "shared"));
                    return inner.acquire(id, exclusive, wait);
                }

                @Override
                public SessionLease create(String id, Duration timeout, boolean exclusive) {
                    calls.add("create");
                    return inner.create(id, timeout, exclusive);
                }

                @Override
                public void release(SessionLease lease, SessionUpdate update) {
                    calls.add("release" + (update.items() == null ? "" : " with items"));
                    inner.release(lease, update);
                }

                @Override
                public void checkValue(String name, Object value) {
                    if (stringsOnly && !(value instanceof String)) {
                        throw new IllegalArgumentException("session value '" + name + "' of type "
                                + value.getClass().getName() + " cannot be stored by StateServer");
                    }
                }
            };
        }
    }
}
