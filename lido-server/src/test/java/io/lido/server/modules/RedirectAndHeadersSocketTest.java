package io.lido.server.modules;

import io.lido.server.LidoTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * httpRedirect and httpProtocol/customHeaders through the real server: redirects relative to the
 * folder whose web.config enables them, exact destinations with their status, no redirect loops, and
 * custom headers on every response, errors and redirects included.
 */
class RedirectAndHeadersSocketTest {
    @TempDir
    static Path dir;
    private static LidoTestServer lido;

    @BeforeAll
    static void start() {
        lido = LidoTestServer.in(dir)
                .serverWebServer("""
                        <httpProtocol>
                          <customHeaders>
                            <add name="X-Content-Type-Options" value="nosniff" />
                          </customHeaders>
                          <redirectHeaders>
                            <add name="X-Redirected-By" value="Lido" />
                          </redirectHeaders>
                        </httpProtocol>
                        """)
                .webFile("index.html", "home")
                .webFile("old/web.config", """
                        <configuration><system.webServer>
                          <httpRedirect enabled="true" destination="/current" httpResponseStatus="Permanent" />
                        </system.webServer></configuration>
                        """)
                .webFile("moved/web.config", """
                        <configuration><system.webServer>
                          <httpRedirect enabled="true" destination="/index.html" exactDestination="true"
                                        httpResponseStatus="Temporary" />
                        </system.webServer></configuration>
                        """)
                .webFile("current/page.html", "current page")
                .webFile("once/page.html", "one response per connection")
                .webFile("once/web.config", """
                        <configuration><system.webServer>
                          <httpProtocol allowKeepAlive="false" />
                        </system.webServer></configuration>
                        """)
                .start();
    }

    @AfterAll
    static void stop() {
        lido.close();
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    @Test
    void aFolderRedirectKeepsThePathBelowTheFolderAndTheQuery() {
        HttpResponse<String> response = lido.get("/old/page.html?x=1");
        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(header(response, "Location")).isEqualTo("/current/page.html?x=1");
        assertThat(header(response, "X-Redirected-By")).isEqualTo("Lido");
        assertThat(header(response, "X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(lido.get("/current/page.html").body()).isEqualTo("current page");
    }

    @Test
    void anExactDestinationIsSentAsConfigured() {
        HttpResponse<String> response = lido.get("/moved/anything/here.html");
        assertThat(response.statusCode()).isEqualTo(307);
        assertThat(header(response, "Location")).isEqualTo("/index.html");
    }

    @Test
    void allowKeepAliveFalseClosesTheConnectionAfterTheResponse() {
        String twoRequests = "GET /once/page.html HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "GET /once/page.html HTTP/1.1\r\nHost: localhost\r\n\r\n";
        String received = lido.raw(twoRequests, java.time.Duration.ofSeconds(5));
        RawResponse first = RawResponse.parse(received);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.headLowerCase()).contains("connection: close");
        assertThat(received.split("HTTP/1.1 200", -1)).as("one response, then the close").hasSize(2);
        String kept = lido.raw("GET /index.html HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "GET /index.html HTTP/1.1\r\nHost: localhost\r\n\r\n", java.time.Duration.ofMillis(500));
        assertThat(kept.split("HTTP/1.1 200", -1)).as("both pipelined responses").hasSize(3);
    }

    @Test
    void customHeadersAreOnSuccessAndErrorResponsesButRedirectHeadersOnlyOnRedirects() {
        HttpResponse<String> ok = lido.get("/index.html");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(header(ok, "X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(header(ok, "X-Redirected-By")).isNull();
        HttpResponse<String> missing = lido.get("/missing.html");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(header(missing, "X-Content-Type-Options")).isEqualTo("nosniff");
    }
}
