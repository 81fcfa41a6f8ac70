package io.lido.server;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Session state through real sockets in an in-process pool (InProc by default there): the session cookie, a
 * counter kept across requests, read-only access, abandon with Session_End, and the exclusive lock.
 */
class SessionStateSocketTest {
    private static final String SOURCES_COUNTER = """
            package test.app;
            import io.lido.api.*;
            public final class Counter implements HttpHandler, RequiresSessionState {
                @Override public void processRequest(HttpContext context) throws Exception {
                    HttpSessionState session = context.session();
                    if ("1".equals(context.request().query("abandon"))) {
                        session.abandon();
                        context.response().write("abandoned");
                        return;
                    }
                    Integer n = (Integer) session.get("n");
                    session.set("n", n == null ? 1 : n + 1);
                    String hold = context.request().query("holdMs");
                    if (hold != null) {
                        Thread.sleep(Long.parseLong(hold));
                    }
                    context.response().write("n=" + session.get("n"));
                }
            }
            """;
    private static final String SOURCES_READER = """
            package test.app;
            import io.lido.api.*;
            public final class Reader implements HttpHandler, ReadOnlySessionState {
                @Override public void processRequest(HttpContext context) {
                    context.response().write("n=" + context.session().get("n") + " ended="
                            + context.application().get("ended"));
                }
            }
            """;
    private static final String SOURCES_GLOBAL = """
            package test.app;
            import io.lido.api.*;
            public class Global extends HttpApplication {
                @Override public void onSessionEnd(HttpSessionState session) {
                    application().set("ended", session.id() + ":" + session.get("n"));
                }
            }
            """;
    private static final String WEB_CONFIG = """
            <configuration>
              <system.web>
                <httpApplication type="test.app.Global" />
                <sessionState cookieName="Test.Session" cookieSameSite="Strict" />
              </system.web>
              <system.webServer>
                <handlers>
                  <add name="Counter" path="count" verb="GET" type="test.app.Counter" />
                  <add name="Reader" path="read" verb="GET" type="test.app.Reader" />
                </handlers>
              </system.webServer>
            </configuration>
            """;

    private static byte[] jar;

    @TempDir
    Path dir;

    @BeforeAll
    static void compile() {
        jar = TestApplicationJar.builder().source("test.app.Counter", SOURCES_COUNTER)
                .source("test.app.Reader", SOURCES_READER).source("test.app.Global", SOURCES_GLOBAL).build();
    }

    private LidoTestServer start() {
        return LidoTestServer.in(dir).file("wwwroot/bin/session.jar", jar).webConfig(WEB_CONFIG).start();
    }

    private static HttpResponse<String> get(LidoTestServer lido, String path, String session) {
        return lido.send(request(lido, path, session));
    }

    private static HttpRequest request(LidoTestServer lido, String path, String session) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(lido.uri(path)).timeout(Duration.ofSeconds(10)).GET();
        if (session != null) {
            builder.header("Cookie", "Test.Session=" + session);
        }
        return builder.build();
    }

    private static String sessionOf(HttpResponse<String> response) {
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    }

    @Test
    void aSessionCounterKeepsCountingWithTheSessionCookie() {
        try (LidoTestServer lido = start()) {
            HttpResponse<String> first = get(lido, "/count", null);
            assertThat(first.body()).isEqualTo("n=1");
            assertThat(first.headers().firstValue("Set-Cookie").orElseThrow())
                    .matches("Test\\.Session=[a-z0-5]{24}; Path=/; HttpOnly; SameSite=Strict");
            String id = sessionOf(first);

            assertThat(get(lido, "/count", id).body()).isEqualTo("n=2");
            assertThat(get(lido, "/count", id).body()).isEqualTo("n=3");
            assertThat(get(lido, "/read", id).body()).isEqualTo("n=3 ended=null");
            assertThat(get(lido, "/count", null).body()).as("no cookie, new session").isEqualTo("n=1");
        }
    }

    @Test
    void abandonEndsTheSessionWithSessionEnd() {
        try (LidoTestServer lido = start()) {
            String id = sessionOf(get(lido, "/count", null));
            get(lido, "/count", id);
            assertThat(get(lido, "/count?abandon=1", id).body()).isEqualTo("abandoned");
            assertThat(get(lido, "/read", id).body()).isEqualTo("n=null ended=" + id + ":2");
            HttpResponse<String> fresh = get(lido, "/count", id);
            assertThat(fresh.body()).isEqualTo("n=1");
            assertThat(sessionOf(fresh)).isNotEqualTo(id);
        }
    }

    @Test
    void concurrentWritingRequestsOfOneSessionAreSerialised() throws Exception {
        try (LidoTestServer lido = start()) {
            String id = sessionOf(get(lido, "/count", null));
            // Each request reads n, holds the session, then answers: were they not serialised, two would
            // read the same n and one increment would be lost.
            var requests = new java.util.ArrayList<CompletableFuture<HttpResponse<String>>>();
            for (int i = 0; i < 4; i++) {
                requests.add(CompletableFuture.supplyAsync(() -> lido.send(request(lido, "/count?holdMs=50", id))));
            }
            var bodies = new java.util.TreeSet<String>();
            for (var request : requests) {
                bodies.add(request.get(20, TimeUnit.SECONDS).body());
            }
            assertThat(bodies).containsExactly("n=2", "n=3", "n=4", "n=5");
        }
    }
}
