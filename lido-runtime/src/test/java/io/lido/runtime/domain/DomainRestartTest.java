package io.lido.runtime.domain;

import io.lido.api.HttpApplicationState;
import io.lido.config.ConfigException;
import io.lido.ipc.DomainStatus;
import io.lido.runtime.ApplicationStartException;
import io.lido.runtime.HttpRuntime;
import io.lido.runtime.RestartReason;
import io.lido.runtime.testing.CapturedResponse;
import io.lido.runtime.testing.RuntimeHarness;
import io.lido.runtime.testing.RuntimeTestBase;
import io.lido.runtime.testing.TestJars;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Overlapped restarts, bad deployments and the failed state, through {@link HttpRuntime#dispatch}. */
class DomainRestartTest extends RuntimeTestBase {

    private void deploy(String version, boolean failOnStart) {
        TestJars.compile(DomainTestApps.version(version, failOnStart), harness.appRoot.resolve("bin").resolve("app.jar"));
    }

    private HttpRuntime startVersion1() {
        harness = DomainTestApps.harness(dir);
        harness.config.section("system.web/httpRuntime").set("fcnMode", "Disabled");
        return harness.start();
    }

    /** Starts /slow in the current domain and returns once it executes; it finishes when {@code release} opens. */
    private CapturedResponse slowRequest(HttpApplicationState state, CountDownLatch release) throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        state.set("entered", entered);
        state.set("release", release);
        CapturedResponse slow = harness.request("GET", "/slow").dispatch();
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        return slow;
    }

    @Test
    void aRestartServesNewRequestsFromTheNewDomainWhileTheOldOneFinishesItsOwn() throws Exception {
        HttpRuntime runtime = startVersion1();
        HttpApplicationState first = runtime.applicationState();
        CountDownLatch release = new CountDownLatch(1);
        CapturedResponse slow = slowRequest(first, release);

        deploy("2", false);
        assertThat(runtime.restart(RestartReason.MANUAL)).isTrue();

        assertThat(runtime.domainGeneration()).isEqualTo(2);
        assertThat(harness.get("/version").body()).startsWith("version=2 hits=1 tccl=true");
        // The request thread counts itself out just after its response ended.
        Eventually.await("only the slow request in flight", Duration.ofSeconds(5), () -> runtime.inFlight() == 1);
        assertThat(first.get("ended")).as("onEnd waits for the old domain's request").isNull();

        release.countDown();
        assertThat(slow.await().status()).isEqualTo(200);
        assertThat(slow.body()).isEqualTo("slow done in version 1");
        Eventually.await("the old domain's onEnd", Duration.ofSeconds(5), () -> Boolean.TRUE.equals(first.get("ended")));
        assertThat(runtime.applicationState()).isNotSameAs(first);
        assertThat(first.get("startTccl")).isEqualTo(true);
        assertThat(first.get("endTccl")).isEqualTo(true);
        assertThat(first.get("initTccl")).isEqualTo(true);
        Eventually.await("the old domain's modules disposed", Duration.ofSeconds(5), () -> first.get("disposeTccl") != null);
        assertThat(first.get("disposeTccl")).isEqualTo(true);
    }

    @Test
    void aNewDomainThatFailsToStartIsDiscardedAndTheOldOneKeepsServing() {
        HttpRuntime runtime = startVersion1();
        assertThat(harness.get("/version").body()).startsWith("version=1 hits=1");

        deploy("2", true);
        assertThat(runtime.restart(RestartReason.MANUAL)).isFalse();

        assertThat(runtime.status()).isEqualTo("Serving");
        assertThat(runtime.domainGeneration()).isEqualTo(1);
        assertThat(harness.get("/version").body()).startsWith("version=1 hits=2");
        assertThat(runtime.applicationState().get("ended")).isNull();

        deploy("3", false);
        assertThat(runtime.restart(RestartReason.BIN_CHANGE)).isTrue();
        assertThat(harness.get("/version").body()).startsWith("version=3 hits=1");
        assertThat(runtime.domainGeneration()).isEqualTo(3);
    }

    @Test
    void theDomainStatusTellsWhichGenerationServesAndHowTheLastStartEnded() {
        HttpRuntime runtime = startVersion1();
        DomainStatus first = runtime.domainStatus();
        assertThat(first.state()).isEqualTo("Serving");
        assertThat(first.servingGeneration()).isEqualTo(1);
        assertThat(first.lastStart().generation()).isEqualTo(1);
        assertThat(first.lastStart().reason()).isEqualTo("start");
        assertThat(first.lastStart().succeeded()).isTrue();

        deploy("2", true);
        assertThat(runtime.restart(RestartReason.MANUAL)).isFalse();
        DomainStatus failed = runtime.domainStatus();
        assertThat(failed.servingGeneration()).isEqualTo(1);
        assertThat(failed.lastStart().generation()).isEqualTo(2);
        assertThat(failed.lastStart().reason()).isEqualTo("manual");
        assertThat(failed.lastStart().error()).contains("version 2 refuses to start")
                .contains("(java.lang.IllegalStateException at app.Global.onStart(").doesNotContain("\n");
        assertThat(failed.afterFailedStart()).endsWith("; domain 1 keeps serving");

        deploy("3", false);
        assertThat(runtime.restart(RestartReason.BIN_CHANGE)).isTrue();
        assertThat(runtime.domainStatus().servingGeneration()).isEqualTo(3);
        assertThat(runtime.domainStatus().lastStart().reason()).isEqualTo("bin change");
        assertThat(runtime.domainStatus().lastStart().error()).isNull();
    }

    @Test
    void aMissingClassInTheNewDeploymentKeepsTheOldDomain() {
        HttpRuntime runtime = startVersion1();
        harness.handlers().add("handler", "name", "Gone", "path", "gone", "verb", "GET", "type", "app.NotDeployed");

        assertThat(runtime.restart(RestartReason.CONFIGURATION_CHANGE)).isFalse();

        assertThat(harness.get("/version").body()).startsWith("version=1");
    }

    @Test
    void withoutAPreviousDomainAFailedStartAnswers503WithTheErrorForLocalRequestsOnly() {
        harness = DomainTestApps.harness(dir);
        harness.config.section("system.web/httpRuntime").set("fcnMode", "Disabled");
        deploy("1", true);

        assertThatThrownBy(harness::start).isInstanceOf(ApplicationStartException.class)
                .hasMessageContaining("version 1 refuses to start");
        HttpRuntime runtime = harness.runtime();
        assertThat(runtime.status()).isEqualTo("Failed");

        CapturedResponse local = harness.get("/version");
        assertThat(local.status()).isEqualTo(503);
        assertThat(local.body()).contains("HTTP Error 503.0", "java.lang.IllegalStateException", "version 1 refuses to start",
                "Stack Trace", "app.Global.onStart");
        CapturedResponse remote = harness.request("GET", "/version").remote("203.0.113.9").send();
        assertThat(remote.status()).isEqualTo(503);
        assertThat(remote.body()).contains("HTTP Error 503.0").doesNotContain("refuses", "app.Global");

        deploy("2", false);
        assertThat(runtime.restart(RestartReason.MANUAL)).isTrue();
        assertThat(runtime.status()).isEqualTo("Serving");
        assertThat(harness.get("/version").body()).startsWith("version=2 hits=1");
    }

    @Test
    void tryStartLogsTheFailureInsteadOfThrowing() {
        harness = DomainTestApps.harness(dir);
        harness.config.section("system.web/httpRuntime").set("fcnMode", "Disabled");
        harness.config.section("system.web/httpApplication").set("type", "app.NoSuchGlobal");
        HttpRuntime runtime = new HttpRuntime(harness.config, harness.site, harness.application, harness.catalog);
        try {
            assertThat(runtime.tryStart()).isFalse();
            assertThat(runtime.status()).isEqualTo("Failed");
            CapturedResponse response = dispatch(runtime);
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.body()).contains(ConfigException.class.getName(), "app.NoSuchGlobal");
        } finally {
            runtime.shutdown(Duration.ofSeconds(5));
        }
    }

    @Test
    void anOnEndThatThrowsIsLoggedForARestartAndThrownByShutdownAfterTheUnload() {
        HttpRuntime runtime = startVersion1();
        HttpApplicationState first = runtime.applicationState();
        first.set("failEnd", Boolean.TRUE);

        assertThat(runtime.restart(RestartReason.MANUAL)).isTrue();
        Eventually.await("the old domain's onEnd", Duration.ofSeconds(5), () -> Boolean.TRUE.equals(first.get("ended")));
        assertThat(harness.get("/version").status()).isEqualTo(200);

        runtime.applicationState().set("failEnd", Boolean.TRUE);
        assertThatThrownBy(() -> runtime.shutdown(Duration.ofSeconds(5))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("failed to end").hasRootCauseMessage("onEnd refuses");
        harness = null;
        assertThat(runtime.status()).isEqualTo("Stopped");
        assertThat(runtime.inFlight()).isZero();
    }

    @Test
    void aMissingApplicationFolderIsAFailedStartNotAnException() throws Exception {
        harness = new RuntimeHarness(dir, "/");
        harness.config.section("system.web/httpApplication").set("type", "app.Global");
        java.nio.file.Files.delete(harness.appRoot);
        HttpRuntime runtime = new HttpRuntime(harness.config, harness.site, harness.application, harness.catalog);
        try {
            assertThat(runtime.tryStart()).isFalse();
            assertThat(runtime.status()).isEqualTo("Failed");
            assertThat(dispatch(runtime).status()).isEqualTo(503);
        } finally {
            runtime.shutdown(Duration.ofSeconds(5));
        }
    }

    private CapturedResponse dispatch(HttpRuntime runtime) {
        CapturedResponse response = new CapturedResponse();
        runtime.dispatch(harness.request("GET", "/version").head(), io.lido.ipc.RequestBody.EMPTY, response);
        return response.await();
    }

    @Test
    void shutdownWaitsForADomainStillDrainingAfterARestart() throws Exception {
        HttpRuntime runtime = startVersion1();
        HttpApplicationState first = runtime.applicationState();
        CountDownLatch release = new CountDownLatch(1);
        CapturedResponse slow = slowRequest(first, release);
        assertThat(runtime.restart(RestartReason.MANUAL)).isTrue();

        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            release.countDown();
        });
        runtime.shutdown(Duration.ofSeconds(5));
        harness = null;

        assertThat(slow.await().status()).isEqualTo(200);
        assertThat(first.get("ended")).isEqualTo(Boolean.TRUE);
        assertThat(runtime.status()).isEqualTo("Stopped");
        assertThat(runtime.restart(RestartReason.MANUAL)).isFalse();
    }
}
