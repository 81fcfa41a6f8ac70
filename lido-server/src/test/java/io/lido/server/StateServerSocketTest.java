package io.lido.server;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * StateServer mode for an in-process application ({@code sessionState mode="StateServer"}): its sessions live in the
 * host's StateServer, encoded as they would be for a worker, so they outlive the application domain, and a value the
 * format cannot carry is refused at {@code Session.set} with a message naming it.
 */
class StateServerSocketTest {

    /** /count: counts, keeps a list and an instant; /bad: stores an application object; /domain: this domain's id. */
    private static final String HANDLERS = """
            package test.app;

            import io.lido.api.HttpContext;
            import io.lido.api.HttpHandler;
            import io.lido.api.RequiresSessionState;
            import java.time.Instant;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.UUID;

            public final class StateHandler implements HttpHandler, RequiresSessionState {
                static final String DOMAIN = UUID.randomUUID().toString();

                public record Cart(int items) {
                }

                @Override
                public void processRequest(HttpContext context) {
                    var session = context.session();
                    String answer = switch (context.request().path()) {
                        case "/count" -> {
                            int count = session.get("count") instanceof Integer n ? n + 1 : 1;
                            session.set("count", count);
                            @SuppressWarnings("unchecked")
                            List<Object> seen = session.get("seen") instanceof List<?> list
                                    ? (List<Object>) list : new ArrayList<>();
                            seen.add(count);
                            session.set("seen", seen);
                            if (session.get("first") == null) {
                                session.set("first", Instant.parse("2026-11-21T00:00:00Z"));
                            }
                            yield "count=" + count + " seen=" + seen + " first=" + session.get("first");
                        }
                        case "/bad" -> {
                            session.set("cart", new Cart(2));
                            yield "stored";
                        }
                        case "/domain" -> DOMAIN;
                        default -> throw new IllegalArgumentException(context.request().path());
                    };
                    context.response().contentType("text/plain");
                    context.response().write(answer);
                }
            }
            """;

    private static final String WEB_CONFIG = """
            <configuration>
              <!-- %s -->
              <system.web>
                <sessionState mode="StateServer" />
              </system.web>
              <system.webServer>
                <handlers>
                  <add name="Count" path="count" verb="GET" type="test.app.StateHandler" />
                  <add name="Bad" path="bad" verb="GET" type="test.app.StateHandler" />
                  <add name="Domain" path="domain" verb="GET" type="test.app.StateHandler" />
                </handlers>
              </system.webServer>
            </configuration>
            """;

    private static byte[] jar;

    @TempDir
    Path dir;

    @BeforeAll
    static void compile() {
        jar = TestApplicationJar.builder().source("test.app.StateHandler", HANDLERS).build();
    }

    private static HttpResponse<String> get(LidoTestServer lido, String path, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(lido.uri(path)).timeout(Duration.ofSeconds(10));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return lido.send(request.build());
    }

    private static String cookie(HttpResponse<String> response) {
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    @Test
    void sessionsLiveInTheHostStoreAndOutliveTheApplicationDomain() throws Exception {
        try (LidoTestServer lido = LidoTestServer.in(dir).webConfig(WEB_CONFIG.formatted("v1"))
                .file("wwwroot/bin/app.jar", jar).start()) {
            HttpResponse<String> first = get(lido, "/count", null);
            assertThat(first.body()).isEqualTo("count=1 seen=[1] first=2026-11-21T00:00:00Z");
            String cookie = cookie(first);
            assertThat(get(lido, "/count", cookie).body()).isEqualTo("count=2 seen=[1, 2] first=2026-11-21T00:00:00Z");
            assertThat(lido.server().stateServer().sessionCount("1/")).isEqualTo(1);

            // A changed web.config starts a new domain: InProc sessions would be gone, StateServer ones are not.
            String domain = get(lido, "/domain", null).body();
            Files.writeString(lido.wwwroot().resolve("web.config"), WEB_CONFIG.formatted("v2"));
            Instant deadline = Instant.now().plusSeconds(10);
            while (get(lido, "/domain", null).body().equals(domain)) {
                assertThat(Instant.now()).as("the application restarted").isBefore(deadline);
                Thread.sleep(50);
            }
            assertThat(get(lido, "/count", cookie).body()).isEqualTo("count=3 seen=[1, 2, 3] first=2026-11-21T00:00:00Z");
        }
    }

    @Test
    void aValueTheFormatCannotCarryFailsTheRequestWithItsNameAndClass() {
        try (LidoTestServer lido = LidoTestServer.in(dir).webConfig(WEB_CONFIG.formatted("v1"))
                .file("wwwroot/bin/app.jar", jar).start()) {
            HttpResponse<String> bad = get(lido, "/bad", null);
            assertThat(bad.statusCode()).isEqualTo(500);
            assertThat(bad.body()).as("detailed error for a local request")
                    .contains("session value &#39;cart&#39; of type test.app.StateHandler$Cart cannot be stored by "
                            + "StateServer");
        }
    }
}
