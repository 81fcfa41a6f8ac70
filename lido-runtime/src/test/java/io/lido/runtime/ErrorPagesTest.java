package io.lido.runtime;

import io.lido.api.HttpException;
import io.lido.runtime.testing.CapturedResponse;
import io.lido.runtime.testing.RuntimeHarness;
import io.lido.runtime.testing.RuntimeTestBase;
import io.lido.runtime.testing.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorPagesTest extends RuntimeTestBase {
    private static final String REMOTE = "203.0.113.9";


    @BeforeEach
    void app() {
        harness = new RuntimeHarness(dir, "/").jar(TestApp.SOURCES);
        harness.handlers()
                .add("handler", "name", "Boom", "path", "boom", "verb", "GET", "type", "app.BoomHandler")
                .add("handler", "name", "Gone", "path", "gone", "verb", "GET", "type", "app.GoneHandler")
                .add("handler", "name", "Oom", "path", "oom", "verb", "GET", "type", "app.OomHandler")
                .add("handler", "name", "Errors", "path", "errors/*", "verb", "GET", "type", "app.TextHandler");
        harness.catalog.staticHandler(ctx -> {
            String path = ctx.request().path();
            if (path.startsWith("/written")) {
                ctx.response().status(404);
                ctx.response().write("the application's own 404");
            } else if (path.startsWith("/missing")) {
                ctx.response().status(404);
            } else {
                throw new HttpException(404, 0, "no file " + path);
            }
        });
    }


    private CapturedResponse get(String path, String remote) {
        return harness.request("GET", path).remote(remote).send();
    }

    @Test
    void anOutOfMemoryErrorAnswers500WithTheErrorForALocalRequestAndTellsTheTransport() {
        harness.start();
        CapturedResponse local = get("/oom", "127.0.0.1");
        assertThat(local.status()).isEqualTo(500);
        assertThat(local.body()).contains("java.lang.OutOfMemoryError: Java heap space");
        assertThat(local.outOfMemory).as("a worker asks to be replaced").isNotNull();

        CapturedResponse remote = get("/oom", REMOTE);
        assertThat(remote.status()).isEqualTo(500);
        assertThat(remote.body()).doesNotContain("OutOfMemoryError");
    }

    @Test
    void localRequestsGetTheDetailedPageWithEscapedDetails() {
        harness.start();
        CapturedResponse response = get("/boom?x=<script>", "127.0.0.1");

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(response.body())
                .contains("HTTP Error 500.0 - Internal Server Error")
                .contains("java.lang.IllegalStateException: &lt;boom&gt; &amp; bust")
                .contains("app.BoomHandler.processRequest(BoomHandler.java:")
                .contains("/boom?x=&lt;script&gt;")
                .contains("app.BoomHandler")
                .doesNotContain("<script>", "<boom>", "partial output that must not leak");
    }

    @Test
    void remoteRequestsGetTheGenericPageWithoutDetails() {
        harness.start();
        CapturedResponse response = get("/boom", REMOTE);

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.body()).contains("HTTP Error 500.0 - Internal Server Error",
                        "There is a problem with the resource you are looking for")
                .doesNotContain("IllegalStateException", "boom", "app.BoomHandler", "at ");
    }

    @Test
    void detailedModeShowsDetailsToRemoteClientsToo() {
        harness.httpErrors().set("errorMode", "Detailed");
        harness.start();
        assertThat(get("/boom", REMOTE).body()).contains("IllegalStateException");
    }

    @Test
    void theRuntimeWritesTheIisPageForAnEmptyErrorResponse() {
        harness.start();
        CapturedResponse response = get("/missing.html", REMOTE);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).contains("HTTP Error 404.0 - Not Found",
                "The resource you are looking for has been removed");
    }

    @Test
    void httpExceptionSubStatusShowsOnThePage() {
        harness.start();
        CapturedResponse response = get("/gone", "127.0.0.1");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.subStatus()).isEqualTo(3);
        assertThat(response.body()).contains("HTTP Error 404.3 - Not Found", "no such thing").doesNotContain("Stack Trace");
    }

    @Test
    void autoKeepsABodyTheApplicationWroteAndReplaceReplacesIt() {
        harness.httpErrors().set("errorMode", "Custom");
        harness.start();
        assertThat(get("/written", REMOTE).body()).isEqualTo("the application's own 404");
        harness.close();

        app();
        harness.httpErrors().set("errorMode", "Custom").set("existingResponse", "Replace");
        harness.start();
        assertThat(get("/written", REMOTE).body()).contains("HTTP Error 404.0 - Not Found");
    }

    @Test
    void passThroughLeavesEvenAnEmptyErrorBodyAlone() {
        harness.httpErrors().set("existingResponse", "PassThrough");
        harness.start();
        CapturedResponse response = get("/missing", REMOTE);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.bodyLength()).isZero();
    }

    @Test
    void customFilePagesServeRemoteClientsInDetailedLocalOnlyMode() throws Exception {
        Files.createDirectories(harness.appRoot.resolve("errors"));
        Files.writeString(harness.appRoot.resolve("errors/404.html"), "<h1>Custom not found</h1>");
        Files.writeString(harness.appRoot.resolve("errors/404-3.html"), "<h1>No handler (404.3)</h1>");
        harness.httpErrors()
                .add("error", "statusCode", "404", "path", "errors/404.html")
                .add("error", "statusCode", "404", "subStatusCode", "3", "path", "errors/404-3.html");
        harness.start();

        CapturedResponse remote = get("/nothing", REMOTE);
        assertThat(remote.status()).isEqualTo(404);
        assertThat(remote.body()).isEqualTo("<h1>Custom not found</h1>");
        assertThat(get("/gone", REMOTE).body()).isEqualTo("<h1>No handler (404.3)</h1>");
        assertThat(get("/nothing", "127.0.0.1").body()).contains("HTTP Error 404.0", "no file /nothing");
    }

    @Test
    void customModeUsesCustomPagesForLocalRequestsToo() throws Exception {
        Files.writeString(harness.appRoot.resolve("oops.html"), "sorry");
        harness.httpErrors().set("errorMode", "Custom").add("error", "statusCode", "500", "path", "oops.html");
        harness.start();
        CapturedResponse response = get("/boom", "127.0.0.1");
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("sorry");
    }

    @Test
    void aFilePagePathOutsideTheApplicationFallsBackToTheGenericPage() throws Exception {
        Files.writeString(dir.resolve("secret.txt"), "secret");
        harness.httpErrors().set("errorMode", "Custom").add("error", "statusCode", "404", "path", "../secret.txt");
        harness.start();
        assertThat(get("/nothing", REMOTE).body()).contains("HTTP Error 404.0").doesNotContain("secret");
    }

    @Test
    void redirectModeAnswers302ToThePath() {
        harness.httpErrors().set("errorMode", "Custom")
                .add("error", "statusCode", "404", "path", "/notfound.html", "responseMode", "Redirect");
        harness.start();
        CapturedResponse response = get("/nothing", REMOTE);
        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("Location")).isEqualTo("/notfound.html");
    }

    @Test
    void executeUrlRunsTheUrlAsAChildRequestAndKeepsTheErrorStatus() {
        harness.httpErrors().set("errorMode", "Custom")
                .add("error", "statusCode", "500", "path", "/errors/500?from=boom", "responseMode", "ExecuteURL");
        harness.start();
        CapturedResponse response = get("/boom", REMOTE);
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("text:GET /errors/500");
        assertThat(response.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    }

    @Test
    void anExecuteUrlPageThatFailsItselfFallsBackToTheGenericPage() {
        harness.httpErrors().set("errorMode", "Custom")
                .add("error", "statusCode", "404", "path", "/missing-too", "responseMode", "ExecuteURL");
        harness.start();
        CapturedResponse response = get("/nothing", REMOTE);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).contains("HTTP Error 404.0 - Not Found");
    }

    @Test
    void defaultPathServesStatusesWithoutAnEntry() throws Exception {
        Files.writeString(harness.appRoot.resolve("any.html"), "any error");
        harness.httpErrors().set("errorMode", "Custom").set("defaultPath", "any.html");
        harness.start();
        assertThat(get("/nothing", REMOTE).body()).isEqualTo("any error");
    }
}
