package io.lido.server.domains;

import io.lido.server.activation.HostProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static io.lido.server.activation.HostProcess.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4 parts 2 to 5 through the distribution, each in an outOfProcess pool (application {@code /NAME})
 * and an inProcess pool ({@code /iNAME}): deployments overwriting bin/ and web.config under load, bad
 * deployments, and app_offline.htm. Application A of the isolation samples reports its library version
 * and an id per application domain, which shows which domain served each request.
 */
class DeploymentIT {
    private static final Duration LONG = Duration.ofSeconds(30);
    private static final String[] APPLICATIONS = {"deploy", "drain", "bad", "badconfig", "badtype", "offline"};

    @TempDir
    static Path dir;
    private static HostProcess host;

    @BeforeAll
    static void startHost() throws Exception {
        DomainSite site = new DomainSite();
        for (String name : APPLICATIONS) {
            site.application(name, DomainSite.WORKERS).application("i" + name, DomainSite.IN_HOST);
        }
        site.application("fresh", DomainSite.WORKERS).application("ifresh", DomainSite.IN_HOST);
        Path config = site.write(dir);
        for (String name : APPLICATIONS) {
            SampleApps.isolationA(dir.resolve(name), 1);
            SampleApps.isolationA(dir.resolve("i" + name), 1);
        }
        SampleApps.badStart(dir.resolve("fresh"));
        SampleApps.badStart(dir.resolve("ifresh"));
        host = HostProcess.start(config, Map.of());
    }

    @AfterAll
    static void stopHost() throws Exception {
        if (host != null) {
            host.close();
        }
    }

    @ParameterizedTest(name = "/{0}deploy")
    @ValueSource(strings = {"", "i"})
    void deploymentsUnderLoadFailNoRequestAndTheNewVersionAnswersSoon(String prefix) throws Exception {
        Path root = dir.resolve(prefix + "deploy");
        String path = "/" + prefix + "deploy/greeting";
        String domain = domainOf(get(path));
        LoadLoop load = LoadLoop.start(host, path, 4);
        List<Duration> switches = new ArrayList<>();
        try {
            HostProcess.sleep(300);
            for (int i = 1; i <= 6; i++) {
                long written = System.nanoTime();
                String before = domain;
                if (i % 3 == 0) {
                    // A web.config deployment: same content plus a comment, so only the domain changes.
                    Files.writeString(root.resolve("web.config"), SampleApps.ISOLATION_A_CONFIG + "<!-- deployment " + i + " -->\n");
                    switches.add(load.awaitFirst(written, b -> !domainOf(b).equals(before), LONG));
                } else {
                    String lib = "lib=v" + (i % 2 == 1 ? 2 : 1) + " ";
                    SampleApps.replaceGreetingLibrary(root, i % 2 == 1 ? 2 : 1);
                    switches.add(load.awaitFirst(written, b -> b.contains(lib) && !domainOf(b).equals(before), LONG));
                }
                HostProcess.sleep(300);
                List<String> settled = load.bodiesSince(System.nanoTime() - 100_000_000L);
                domain = domainOf(settled.getLast());
                assertThat(domain).isNotEqualTo(before);
            }
        } finally {
            load.stop();
        }
        System.out.printf("%s: changed file -> first response of the new domain: %s ms%n", path,
                switches.stream().map(d -> Long.toString(d.toMillis())).toList());
        assertThat(load.failures()).as("failed or non-200 answers during the deployments").isEmpty();
        assertThat(load.ok()).isGreaterThan(50);
        assertThat(switches).allSatisfy(d -> assertThat(d).isLessThan(Duration.ofSeconds(5)));
        assertThat(switches.stream().sorted().toList().get(switches.size() / 2)).as("the median switch (issue: under 1 s)")
                .isLessThan(Duration.ofSeconds(1));
        assertThat(logs()).contains("Application /" + prefix + "deploy (site \"Domains\") restarting: bin change")
                .contains("Application /" + prefix + "deploy (site \"Domains\") restarting: configuration change");
    }

    @ParameterizedTest(name = "/{0}drain")
    @ValueSource(strings = {"", "i"})
    void aRequestInFlightFinishesInTheOldDomainWhoseEndHookRunsAfterIt(String prefix) throws Exception {
        String app = prefix + "drain";
        String domain = domainOf(get("/" + app + "/greeting"));
        CompletableFuture<HttpResponse<String>> slow = host.client().sendAsync(
                HttpRequest.newBuilder(host.uri("/" + app + "/slow?ms=2500")).build(), HttpResponse.BodyHandlers.ofString());
        HostProcess.sleep(300); // let the slow request reach its handler
        SampleApps.replaceGreetingLibrary(dir.resolve(app), 2);
        awaitNewDomain(app, domain);
        String ending = "isolation A domain " + domain + " ending";
        assertThat(logs()).as("the old domain still runs a request").doesNotContain(ending);

        HttpResponse<String> answer = slow.join();
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("domain=" + domain);
        awaitTrue(() -> logs().contains(ending), LONG, "the old domain's Application end hook");
        awaitTrue(() -> logs().contains("Application /" + app + " (site \"Domains\"): domain 1 unloaded (bin change)"),
                LONG, "the old domain to unload");
    }

    @ParameterizedTest(name = "/{0}bad")
    @ValueSource(strings = {"", "i"})
    void aJarWithoutTheApplicationsClassesIsDiscardedAndThePreviousDomainKeepsServing(String prefix) throws Exception {
        Path root = dir.resolve(prefix + "bad");
        String domain = domainOf(get("/" + prefix + "bad/greeting"));
        // The application's jar overwritten by another application's: its Global class and handlers are gone.
        expectDiscarded(prefix + "bad", domain, () -> Files.write(root.resolve("bin/isolation-a.jar"), SampleApps.jar("bad-start")));
        assertThat(logs()).contains("samples.isolation.a.");

        Files.write(root.resolve("bin/isolation-a.jar"), SampleApps.jar("isolation-a"));
        awaitNewDomain(prefix + "bad", domain);
    }

    @ParameterizedTest(name = "/{0}badconfig")
    @ValueSource(strings = {"", "i"})
    void aBadWebConfigDeploymentIsDiscardedAndThePreviousDomainKeepsServing(String prefix) throws Exception {
        String app = prefix + "badconfig";
        Path root = dir.resolve(app);
        String domain = domainOf(get("/" + app + "/greeting"));
        Files.write(root.resolve("bin/bad-start.jar"), SampleApps.jar("bad-start"));

        expectDiscarded(app, domain, () -> Files.writeString(root.resolve("web.config"), SampleApps.ISOLATION_A_CONFIG
                .replace("samples.isolation.a.Global", "samples.badstart.Global")));
        assertThat(logs()).as("the Global class that throws").contains(SampleApps.BAD_START_MESSAGE);

        expectDiscarded(app, domain, () -> Files.writeString(root.resolve("web.config"), "<configuration><system.webServer>"));
        assertThat(get("/" + app + "/probe?class=java.util.List")).as("the old domain's own handlers").isEqualTo("visible");

        Files.delete(root.resolve("bin/bad-start.jar"));
        Files.writeString(root.resolve("web.config"), SampleApps.ISOLATION_A_CONFIG);
        awaitNewDomain(app, domain);
    }

    @ParameterizedTest(name = "/{0}badtype")
    @ValueSource(strings = {"", "i"})
    void aWebConfigNamingAMissingHandlerClassIsDiscardedAndThePreviousDomainKeepsServing(String prefix) throws Exception {
        String app = prefix + "badtype";
        Path root = dir.resolve(app);
        String domain = domainOf(get("/" + app + "/greeting"));
        expectDiscarded(app, domain, () -> Files.writeString(root.resolve("web.config"), SampleApps.ISOLATION_A_CONFIG
                .replace("samples.isolation.a.ClassProbeHandler", "samples.isolation.a.MissingHandler")));
        assertThat(logs()).contains("samples.isolation.a.MissingHandler");
        assertThat(get("/" + app + "/probe?class=java.util.List")).as("the old domain's own handlers").isEqualTo("visible");

        Files.writeString(root.resolve("web.config"), SampleApps.ISOLATION_A_CONFIG);
        awaitNewDomain(app, domain);
    }

    @ParameterizedTest(name = "/{0}fresh")
    @ValueSource(strings = {"", "i"})
    void anApplicationThatNeverStartedAnswers503WithTheErrorForALocalRequest(String prefix) throws Exception {
        HttpResponse<String> response = host.get("/" + prefix + "fresh/anything");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains(SampleApps.BAD_START_MESSAGE).contains("samples.badstart.Global");
    }

    @ParameterizedTest(name = "/{0}offline")
    @ValueSource(strings = {"", "i"})
    void appOfflineHtmTakesTheApplicationOfflineAndItsRemovalBringsItBack(String prefix) throws Exception {
        Path root = dir.resolve(prefix + "offline");
        String path = "/" + prefix + "offline/greeting";
        String domain = domainOf(get(path));
        String page = "<html><body><h1>Down for maintenance (" + prefix + "offline)</h1></body></html>";
        Files.writeString(root.resolve("app_offline.htm"), page);
        awaitTrue(() -> statusOf(path) == 503, LONG, "503 after app_offline.htm appeared");
        HttpResponse<String> offline = host.get(path);
        assertThat(offline.body()).isEqualTo(page);
        assertThat(host.get("/" + prefix + "offline/other/page").body()).as("every request").isEqualTo(page);

        Files.delete(root.resolve("app_offline.htm"));
        awaitTrue(() -> statusOf(path) == 200, LONG, "200 after app_offline.htm was removed");
        assertThat(domainOf(get(path))).as("a new domain: the old one was unloaded").isNotEqualTo(domain);
    }

    /** A change to an application's files. */
    @FunctionalInterface
    private interface Deployment {
        void run() throws IOException;
    }

    /** Deploys, waits for the new domain of {@code /app} to be discarded, and checks the old one still answers. */
    private static void expectDiscarded(String app, String domain, Deployment deployment) throws Exception {
        long before = discardedCount(app);
        deployment.run();
        awaitTrue(() -> discardedCount(app) > before, LONG, "the bad domain of /" + app + " to be discarded");
        assertThat(domainOf(get("/" + app + "/greeting"))).as("the old domain keeps serving").isEqualTo(domain);
    }

    private static void awaitNewDomain(String app, String old) {
        awaitTrue(() -> !domainOf(getQuietly("/" + app + "/greeting")).equals(old), LONG,
                "a new domain of /" + app + " after a good deployment");
    }

    /** How many discarded-domain lines of {@code /app} the logs hold (out-of-process domains log to their worker's file). */
    private static long discardedCount(String app) {
        String application = "Application /" + app + " (site";
        return logs().lines().filter(l -> l.contains(application) && l.contains("failed to start and was discarded")).count();
    }

    /** The host's output and every log file of the site's pools. */
    private static String logs() {
        StringBuilder all = new StringBuilder(host.output());
        try (Stream<Path> files = Files.walk(dir.resolve("logs"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log") && Files.isRegularFile(f)).toList()) {
                all.append('\n').append(Files.readString(file));
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read the logs under " + dir.resolve("logs"), e);
        }
        return all.toString();
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> response = host.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private static String getQuietly(String path) {
        try {
            return host.get(path).body();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("GET " + path + " failed", e);
        }
    }

    private static int statusOf(String path) {
        try {
            return host.get(path).statusCode();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("GET " + path + " failed", e);
        }
    }

    /** The domain=ID of application A's answer ("" when absent). */
    private static String domainOf(String body) {
        int at = body.indexOf(" domain=");
        return at < 0 ? "" : body.substring(at + 8, body.indexOf(' ', at + 8));
    }
}
