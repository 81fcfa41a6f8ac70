package io.lido.server;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Application domains of an in-process application through real sockets: a jar or web.config deployed
 * under load restarts the application with no failed request, an invalid web.config or a failing
 * Global class never takes a running application down, app_offline.htm takes it offline and back.
 */
class ApplicationDomainSocketTest {
    private static byte[] v1;
    private static byte[] v2;
    private static byte[] failing;

    @TempDir
    Path dir;

    private static byte[] version(String version, boolean failOnStart) {
        return TestApplicationJar.builder()
                .source("test.app.VersionHandler", """
                        package test.app;
                        import io.lido.api.*;
                        public final class VersionHandler implements HttpHandler {
                            @Override public void processRequest(HttpContext context) {
                                context.response().contentType("text/plain");
                                context.response().write("%s");
                            }
                        }
                        """.formatted(version))
                .source("test.app.StampModule", """
                        package test.app;
                        import io.lido.api.*;
                        public final class StampModule implements HttpModule {
                            @Override public void init(HttpApplication application) {
                                application.on(PipelineEvent.PRE_SEND_REQUEST_HEADERS,
                                        context -> context.response().header("X-Stamp", "%s"));
                            }
                        }
                        """.formatted(version))
                .source("test.app.Global", """
                        package test.app;
                        import io.lido.api.*;
                        public class Global extends HttpApplication {
                            @Override public void onStart() {
                                if (%s) {
                                    throw new IllegalStateException("%s cannot start");
                                }
                            }
                        }
                        """.formatted(failOnStart, version))
                .build();
    }

    @BeforeAll
    static void compile() {
        v1 = version("v1", false);
        v2 = version("v2", false);
        failing = version("broken", true);
    }

    private static String webConfig(String extraHandler) {
        return webConfig(extraHandler, "");
    }

    private static String webConfig(String extraHandler, String module) {
        return """
                <configuration>
                  <system.web>
                    <httpApplication type="test.app.Global" />
                  </system.web>
                  <system.webServer>
                    <modules>%s</modules>
                    <handlers>
                      <add name="Version" path="version" verb="GET" type="test.app.VersionHandler" />
                      %s
                    </handlers>
                  </system.webServer>
                </configuration>
                """.formatted(module, extraHandler);
    }

    private LidoTestServer start(byte[] jar) {
        return LidoTestServer.in(dir).file("wwwroot/bin/app.jar", jar).webConfig(webConfig("")).start();
    }

    private static void await(String what, Predicate<LidoTestServer> condition, LidoTestServer lido) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.test(lido)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static void deploy(Path target, byte[] content) throws Exception {
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(temp, content);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }

    /** What happens while four clients keep requesting /version. */
    private interface Deployment {
        void run() throws Exception;
    }

    /** Runs the deployment under load and returns the failed answers; each answer must be 200 with v1 or v2. */
    private static List<String> underLoad(LidoTestServer lido, Deployment deployment, AtomicInteger served)
            throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clients.add(Thread.ofVirtual().start(() -> {
                while (running.get()) {
                    try {
                        HttpResponse<String> r = lido.get("/version");
                        if (r.statusCode() != 200 || !r.body().matches("v[12]")) {
                            failures.add(r.statusCode() + " " + r.body());
                        }
                        served.incrementAndGet();
                    } catch (RuntimeException e) {
                        failures.add(e.toString());
                    }
                }
            }));
        }
        try {
            Thread.sleep(200);
            deployment.run();
            Thread.sleep(300);
        } finally {
            running.set(false);
            for (Thread t : clients) {
                t.join();
            }
        }
        return List.copyOf(failures);
    }

    @Test
    void aJarDeployedUnderLoadIsServedByTheNewDomainWithoutAFailedRequest() throws Exception {
        try (LidoTestServer lido = start(v1)) {
            assertThat(lido.get("/version").body()).isEqualTo("v1");
            AtomicInteger served = new AtomicInteger();
            long[] millis = new long[1];
            List<String> failures = underLoad(lido, () -> {
                long start = System.nanoTime();
                Files.write(lido.wwwroot().resolve("bin/app.jar"), v2);
                await("v2", l -> l.get("/version").body().equals("v2"), lido);
                millis[0] = (System.nanoTime() - start) / 1_000_000;
            }, served);

            System.out.println("in-process: jar written -> first v2 response in " + millis[0] + " ms, " + served
                    + " requests");
            assertThat(failures).isEmpty();
            assertThat(millis[0]).isLessThan(2000);
        }
    }

    @Test
    void aJarDeletedUnderLoadLeavesTheRunningDomainServingFromItsShadowCopy() throws Exception {
        // A deployment that deletes the old jar first, then copies the new one under another name: the running
        // domain loads its classes from its shadow copy, and the domain tried without any jar fails and is discarded.
        try (LidoTestServer lido = start(v1)) {
            assertThat(lido.get("/version").body()).isEqualTo("v1");
            AtomicInteger served = new AtomicInteger();
            List<String> failures = underLoad(lido, () -> {
                Files.delete(lido.wwwroot().resolve("bin/app.jar"));
                Thread.sleep(800);
                assertThat(lido.get("/version").body()).isEqualTo("v1");
                Files.write(lido.wwwroot().resolve("bin/app-2.jar"), v2);
                await("v2", l -> l.get("/version").body().equals("v2"), lido);
            }, served);

            assertThat(failures).isEmpty();
            assertThat(served.get()).isPositive();
        }
    }

    @Test
    void aWebConfigChangeIsSeenByTheNewDomainAndAnInvalidOneLeavesTheRunningDomainServing() throws Exception {
        try (LidoTestServer lido = start(v1)) {
            assertThat(lido.get("/other").statusCode()).isEqualTo(404);
            Path webConfig = lido.wwwroot().resolve("web.config");

            deploy(webConfig, webConfig("<add name=\"Other\" path=\"other\" verb=\"GET\" type=\"test.app.VersionHandler\" />")
                    .getBytes());
            await("the new handler", l -> l.get("/other").statusCode() == 200, lido);

            deploy(webConfig, "<configuration><system.webServer><handlers>".getBytes());
            Thread.sleep(1000);
            assertThat(lido.get("/version").body()).isEqualTo("v1");
            assertThat(lido.get("/other").body()).isEqualTo("v1");

            deploy(webConfig, webConfig("").getBytes());
            await("the handler removed again", l -> l.get("/other").statusCode() == 404, lido);
            assertThat(lido.get("/version").body()).isEqualTo("v1");
        }
    }

    @Test
    void theNewDomainLoadsTheModulesOfTheWebConfigThatCausedTheRestart() throws Exception {
        try (LidoTestServer lido = start(v1)) {
            // Requests keep the cached web.config fresh, so only an explicit re-check makes the new domain see it.
            for (int i = 0; i < 5; i++) {
                assertThat(lido.get("/version").headers().firstValue("X-Stamp")).isEmpty();
            }
            deploy(lido.wwwroot().resolve("web.config"),
                    webConfig("", "<add name=\"Stamp\" type=\"test.app.StampModule\" />").getBytes());

            await("the module of the new web.config", l -> l.get("/version").headers().firstValue("X-Stamp").isPresent(),
                    lido);
            assertThat(lido.get("/version").headers().firstValue("X-Stamp")).hasValue("v1");
        }
    }

    @Test
    void aFailingFirstStartLeavesTheServerUpAnswering503UntilAGoodJarArrives() throws Exception {
        try (LidoTestServer lido = start(failing)) {
            HttpResponse<String> response = lido.get("/version");
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).contains("HTTP Error 503.0", "broken cannot start");

            deploy(lido.wwwroot().resolve("bin/app.jar"), v1);
            await("v1", l -> l.get("/version").statusCode() == 200, lido);
            assertThat(lido.get("/version").body()).isEqualTo("v1");

            deploy(lido.wwwroot().resolve("bin/app.jar"), failing);
            Thread.sleep(1000);
            assertThat(lido.get("/version").body()).as("a bad deployment keeps the running domain").isEqualTo("v1");
        }
    }

    @Test
    void appOfflineTakesTheApplicationOfflineAndItsRemovalBringsItBack() throws Exception {
        try (LidoTestServer lido = start(v1)) {
            Path offline = lido.wwwroot().resolve("app_offline.htm");
            Files.writeString(offline, "<h1>Back soon</h1>");
            await("the offline page", l -> l.get("/version").statusCode() == 503, lido);
            HttpResponse<String> response = lido.get("/anything");
            assertThat(response.body()).isEqualTo("<h1>Back soon</h1>");
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html");

            Files.delete(offline);
            await("v1 again", l -> l.get("/version").statusCode() == 200, lido);
            assertThat(lido.get("/version").body()).isEqualTo("v1");
        }
    }
}
