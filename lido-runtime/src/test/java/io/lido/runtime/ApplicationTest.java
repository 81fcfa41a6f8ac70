package io.lido.runtime;

import io.lido.api.HttpApplication;
import io.lido.api.HttpModule;
import io.lido.api.PipelineEvent;
import io.lido.config.ConfigException;
import io.lido.runtime.testing.CapturedResponse;
import io.lido.runtime.testing.RuntimeHarness;
import io.lido.runtime.testing.RuntimeTestBase;
import io.lido.runtime.testing.TestApp;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApplicationTest extends RuntimeTestBase {


    private RuntimeHarness appWithGlobal() {
        harness = new RuntimeHarness(dir, "/").jar(TestApp.SOURCES);
        harness.config.section("system.web/httpApplication").set("type", "app.Global");
        harness.modules().add("module", "name", "Counting", "type", "app.CountingModule");
        harness.handlers()
                .add("handler", "name", "Probe", "path", "probe", "verb", "GET", "type", "app.ProbeHandler")
                .add("handler", "name", "Slow", "path", "slow", "verb", "GET", "type", "app.SlowHandler")
                .add("handler", "name", "Boom", "path", "recover", "verb", "GET", "type", "app.BoomHandler");
        return harness;
    }

    @Test
    void applicationCodeSeesOnlyTheJdkTheApiAndItsOwnJars() {
        appWithGlobal().start();
        String body = harness.get("/probe").body();

        assertThat(body).contains("tccl=true", "virtual=true", "io.lido.api.HttpContext=true", "java.sql.Connection=true",
                "org.slf4j.Logger=false", "io.lido.runtime.HttpRuntime=false", "io.lido.config.WebConfig=false");
    }

    @Test
    void globalOnStartRunsOnceAndOnEndAtShutdown() {
        appWithGlobal();
        HttpRuntime runtime = harness.start();
        harness.get("/probe");
        harness.get("/probe");
        var state = runtime.applicationState();
        assertThat(state.get("starts")).isEqualTo(1);
        assertThat(state.get("ended")).isNull();

        harness.close();
        harness = null;
        assertThat(state.get("starts")).isEqualTo(1);
        assertThat(state.get("ended")).isEqualTo(Boolean.TRUE);
    }

    @Test
    void anApplicationModuleFromBinCountsRequestsInApplicationState() {
        appWithGlobal().start();
        assertThat(harness.get("/probe").header("X-Count")).isEqualTo("1");
        assertThat(harness.get("/other").header("X-Count")).isEqualTo("2");
    }

    @Test
    void globalOnErrorSeesTheErrorAndMayClearIt() {
        appWithGlobal().start();
        CapturedResponse response = harness.get("/recover");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("recovered from <boom> & bust");
    }

    @Test
    void sequentialRequestsReuseOneInstanceAndConcurrentOnesCreateMore() throws Exception {
        appWithGlobal();
        HttpRuntime runtime = harness.start();
        for (int i = 0; i < 5; i++) {
            harness.get("/probe");
        }
        assertThat(runtime.applicationInstances()).isEqualTo(1);

        CountDownLatch entered = new CountDownLatch(3);
        CountDownLatch release = new CountDownLatch(1);
        setState("entered", entered);
        setState("release", release);
        List<CapturedResponse> responses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            responses.add(harness.request("GET", "/slow").dispatch());
        }
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        // The probes' threads leave the in-flight count just after their response ended, so the count
        // settles at the three blocked requests a moment after the last probe's answer arrived.
        assertThat(awaitInFlight(runtime, 3)).isEqualTo(3);
        release.countDown();
        List<String> instances = new ArrayList<>();
        for (CapturedResponse r : responses) {
            instances.add(r.await().body());
        }
        assertThat(instances).doesNotHaveDuplicates();
        assertThat(runtime.applicationInstances()).isEqualTo(3);
        for (int i = 0; i < 5; i++) {
            harness.get("/probe");
        }
        assertThat(runtime.applicationInstances()).isEqualTo(3);
    }

    @Test
    void shutdownLetsInFlightRequestsFinishThenAnswers503() throws Exception {
        appWithGlobal();
        HttpRuntime runtime = harness.start();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        setState("entered", entered);
        setState("release", release);
        CapturedResponse slow = harness.request("GET", "/slow").dispatch();
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        Thread stopper = Thread.ofVirtual().start(() -> runtime.shutdown(Duration.ofSeconds(10)));
        Thread.sleep(100);
        assertThat(stopper.isAlive()).isTrue();
        CapturedResponse late = harness.request("GET", "/probe").send();
        assertThat(late.status()).isEqualTo(503);

        release.countDown();
        assertThat(slow.await().status()).isEqualTo(200);
        stopper.join(5000);
        assertThat(stopper.isAlive()).isFalse();
        harness = null;
    }

    @Test
    void aModuleWhoseInitFailsStopsTheStartWithItsName() {
        harness = new RuntimeHarness(dir, "/").jar(TestApp.SOURCES);
        harness.modules().add("module", "name", "Broken", "type", "app.BrokenModule");
        RuntimeHarness h = harness;
        harness = null;
        assertThatThrownBy(h::start).isInstanceOf(ApplicationStartException.class)
                .hasMessageContaining("module \"Broken\" failed to initialise")
                .hasMessageContaining("cannot init");
    }

    @Test
    void anUnknownGlobalClassIsAConfigurationError() {
        harness = new RuntimeHarness(dir, "/").jar(TestApp.SOURCES);
        harness.config.section("system.web/httpApplication").set("type", "app.TextHandler");
        RuntimeHarness h = harness;
        harness = null;
        assertThatThrownBy(h::start).isInstanceOf(ConfigException.class)
                .hasMessageContaining("<httpApplication>")
                .hasMessageContaining("does not extend io.lido.api.HttpApplication");
    }

    @Test
    void builtInModulesComeFirstAndACollectionThatNamesThemDecidesWhichRun() {
        harness = new RuntimeHarness(dir, "/");
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        harness.catalog.module("A", () -> recording("A", calls)).module("B", () -> recording("B", calls));
        harness.start();
        harness.get("/x");
        assertThat(calls).containsExactly("A", "B");
        harness.close();

        calls.clear();
        harness = new RuntimeHarness(dir, "/");
        harness.catalog.module("A", () -> recording("A", calls)).module("B", () -> recording("B", calls));
        // The server registered built-ins by name (as IIS does); the application removed "A".
        harness.modules().add("module", "name", "B");
        harness.start();
        harness.get("/x");
        assertThat(calls).containsExactly("B");
    }

    @Test
    void modulesAreInitialisedOncePerInstanceAndDisposedAtShutdown() {
        AtomicInteger inits = new AtomicInteger();
        AtomicInteger disposals = new AtomicInteger();
        harness = new RuntimeHarness(dir, "/");
        harness.catalog.module("Counted", () -> new HttpModule() {
            @Override
            public void init(HttpApplication application) {
                inits.incrementAndGet();
            }

            @Override
            public void dispose() {
                disposals.incrementAndGet();
            }
        });
        harness.start();
        harness.get("/a");
        harness.get("/b");
        assertThat(inits).hasValue(1);
        harness.close();
        harness = null;
        assertThat(disposals).hasValue(1);
    }

    @Test
    void subscribingAfterInitIsRefused() {
        harness = new RuntimeHarness(dir, "/");
        harness.catalog.module("Late", () -> app -> app.on(PipelineEvent.BEGIN_REQUEST,
                ctx -> ctx.applicationInstance().on(PipelineEvent.END_REQUEST, c -> { })));
        harness.start();
        assertThat(harness.get("/x").body()).contains("subscriptions are fixed after initialisation");
    }

    @Test
    void aManagedHandlerModuleRunsOnlyForApplicationHandlers() {
        harness = new RuntimeHarness(dir, "/").jar(TestApp.SOURCES);
        harness.modules().add("module", "name", "Counting", "type", "app.CountingModule", "preCondition", "managedHandler");
        harness.handlers().add("handler", "name", "Probe", "path", "probe", "verb", "GET", "type", "app.ProbeHandler");
        harness.start();

        assertThat(harness.get("/probe").header("X-Count")).isEqualTo("1");
        assertThat(harness.get("/static.css").header("X-Count")).isNull();
        assertThat(harness.request("POST", "/probe").send().header("X-Count")).isNull();
        assertThat(harness.get("/probe").header("X-Count")).isEqualTo("2");
    }

    @Test
    void runAllManagedModulesForAllRequestsIgnoresThePrecondition() {
        harness = new RuntimeHarness(dir, "/").jar(TestApp.SOURCES);
        harness.modules().set("runAllManagedModulesForAllRequests", "true")
                .add("module", "name", "Counting", "type", "app.CountingModule", "preCondition", "managedHandler");
        harness.start();
        assertThat(harness.get("/static.css").header("X-Count")).isEqualTo("1");
    }

    @Test
    void inAClassicPoolApplicationModulesRunOnlyForApplicationHandlers() {
        harness = new RuntimeHarness(dir, "/").jar(TestApp.SOURCES);
        harness.config.pool("DefaultAppPool", true);
        harness.modules().set("runAllManagedModulesForAllRequests", "true")
                .add("module", "name", "Counting", "type", "app.CountingModule");
        harness.handlers().add("handler", "name", "Probe", "path", "probe", "verb", "GET", "type", "app.ProbeHandler");
        harness.start();
        assertThat(harness.get("/static.css").header("X-Count")).isNull();
        assertThat(harness.get("/probe").header("X-Count")).isEqualTo("1");
    }

    private static HttpModule recording(String name, List<String> calls) {
        return app -> app.on(PipelineEvent.BEGIN_REQUEST, ctx -> calls.add(name));
    }

    private void setState(String name, Object value) {
        harness.runtime().applicationState().set(name, value);
    }

    private static int awaitInFlight(HttpRuntime runtime, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (runtime.inFlight() != expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return runtime.inFlight();
    }
}
