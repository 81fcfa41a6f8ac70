package io.lido.activation;

import io.lido.ipc.DomainStatus;
import io.lido.ipc.frame.DomainStatusCodec;
import io.lido.ipc.frame.RecycleCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code recycle app}: the pool asks every running worker, and the control channel relays the server's verbs. */
class ApplicationRecycleTest {
    @TempDir
    Path dir;

    private final FakeLauncher launcher = new FakeLauncher();

    private ApplicationPool pool(int workers) {
        PoolSettings settings = new PoolSettings();
        settings.alwaysRunning = true;
        settings.maxProcesses = workers;
        ApplicationPool pool = new ApplicationPool(settings.build(), launcher, new MutableClock(Instant.EPOCH),
                Runnable::run, PoolErrorLog.NONE);
        pool.start();
        return pool;
    }

    @Test
    void everyRunningWorkerIsAskedAndEachOutcomeReported() throws Exception {
        ApplicationPool pool = pool(1);
        FakeLink link = launcher.last().becomeReady();
        link.recycleReplies.add(RecycleCodec.Status.RESTARTED);
        List<ApplicationRecycle> outcomes = pool.recycleApplication(2, "/app").get(5, TimeUnit.SECONDS);
        assertThat(link.recycleRequests).containsExactly("2 /app");
        assertThat(outcomes).containsExactly(new ApplicationRecycle(1000, RecycleCodec.Status.RESTARTED, "test"));
        pool.shutdown(Duration.ofMillis(10));
    }

    @Test
    void aWorkerThatIsNotReadyIsNotAskedSoThereIsNothingToRecycle() throws Exception {
        ApplicationPool pool = pool(1);
        assertThat(pool.recycleApplication(1, "/").get(5, TimeUnit.SECONDS)).isEmpty();
        assertThat(launcher.last().link.recycleRequests).isEmpty();
        pool.shutdown(Duration.ofMillis(10));
    }

    @Test
    void aConnectionThatFailsCountsAsFailedWithTheReason() throws Exception {
        ApplicationPool pool = pool(1);
        launcher.last().becomeReady();
        List<ApplicationRecycle> outcomes = pool.recycleApplication(1, "/").get(5, TimeUnit.SECONDS);
        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(RecycleCodec.Status.FAILED);
            assertThat(o.message()).contains("connection lost");
        });
        pool.shutdown(Duration.ofMillis(10));
    }

    @Test
    void everyRunningWorkerReportsItsDomainsAndOneThatCannotSaysWhy() throws Exception {
        ApplicationPool pool = pool(2);
        FakeLink answering = launcher.last().becomeReady();
        DomainStatusCodec.Application app = new DomainStatusCodec.Application(2, "/app",
                new DomainStatus("Serving", 3, new DomainStatus.DomainStart(3, "manual", Instant.EPOCH, null)));
        answering.statusReply = new DomainStatusCodec.Reply(1, List.of(app));
        assertThat(pool.applicationStatus(Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS))
                .containsExactly(new WorkerDomains(1000, List.of(app), null));

        answering.statusReply = null;
        assertThat(pool.applicationStatus(Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS)).singleElement()
                .satisfies(w -> assertThat(w.failure()).contains("connection lost"));
        pool.shutdown(Duration.ofMillis(10));
    }

    @Test
    void aPoolWithoutARunningWorkerReportsNoDomains() throws Exception {
        assertThat(pool(1).applicationStatus(Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void theControlChannelRelaysTheApplicationVerbsAndTheirErrors() {
        Path configFile = dir.resolve("applicationHost.config");
        ActivationService service = new ActivationService(launcher, new MutableClock(Instant.EPOCH), Runnable::run,
                PoolErrorLog.NONE, null);
        service.start(new ControlChannelTest.TestServerConfig(configFile, List.of()));
        ApplicationVerbs verbs = new ApplicationVerbs() {
            @Override
            public ControlClient.Answer recycle(String siteAndPath) {
                return siteAndPath.equals("Default Web Site/app")
                        ? new ControlClient.Answer(true, "\"Default Web Site/app\" successfully recycled")
                        : new ControlClient.Answer(false, "no site is named '" + siteAndPath + "'");
            }

            @Override
            public List<ListRecord> list() {
                return List.of(ListRecord.of("APP", "Default Web Site/").add("applicationPool", "DefaultAppPool").build());
            }

            @Override
            public List<ListRecord> requests(long minElapsedMillis) {
                return List.of(ListRecord.of("REQUEST", "7").add("url", "/slow?x=\"1\"").add("time", minElapsedMillis)
                        .build());
            }
        };
        try (ControlServer control = ControlServer.listen(configFile, service, verbs)) {
            ControlClient.Answer ok = ControlClient.send(configFile, "recycle app Default Web Site/app");
            assertThat(ok).isEqualTo(new ControlClient.Answer(true, "\"Default Web Site/app\" successfully recycled\n"));
            ControlClient.Answer unknown = ControlClient.send(configFile, "recycle app Nope/x");
            assertThat(unknown.ok()).isFalse();
            assertThat(unknown.text()).startsWith("no site is named 'Nope/x'");
            assertThat(ControlClient.send(configFile, "recycle app").text()).contains("recycle app SITE/PATH");
            assertThat(ControlClient.send(configFile, "LIST APP").text())
                    .isEqualTo("APP \"Default Web Site/\" (applicationPool:DefaultAppPool)\n");
            assertThat(ControlClient.send(configFile, "list request elapsed=250 format=json").text())
                    .contains("\"type\" : \"REQUEST\"").contains("\"url\" : \"/slow?x=\\\"1\\\"\"")
                    .contains("\"time\" : 250");
            assertThat(ControlClient.send(configFile, "list request format=xml").text())
                    .contains("<REQUEST REQUEST.NAME=\"7\" url=\"/slow?x=&quot;1&quot;\" time=\"0\" />");
            ControlClient.Answer badElapsed = ControlClient.send(configFile, "list request elapsed=soon");
            assertThat(badElapsed.ok()).isFalse();
            assertThat(badElapsed.text()).contains("elapsed must be a number of milliseconds, not 'soon'");
            assertThat(ControlClient.send(configFile, "list app elapsed=5").text())
                    .contains("elapsed=MS filters only list request");
            assertThat(ControlClient.send(configFile, "list request format=yaml").text())
                    .contains("unknown output format 'yaml'");
        } finally {
            service.shutdown(Duration.ofMillis(10));
        }
        try (ControlServer bare = ControlServer.listen(configFile, service)) {
            assertThat(ControlClient.send(configFile, "list app").text()).contains("has no application verbs");
        }
    }
}
