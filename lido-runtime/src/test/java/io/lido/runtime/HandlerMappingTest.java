package io.lido.runtime;

import io.lido.config.ConfigException;
import io.lido.runtime.testing.CapturedResponse;
import io.lido.runtime.testing.RuntimeHarness;
import io.lido.runtime.testing.RuntimeTestBase;
import io.lido.runtime.testing.TestApp;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HandlerMappingTest extends RuntimeTestBase {


    private RuntimeHarness app(String appPath) {
        harness = new RuntimeHarness(dir, appPath).jar(TestApp.SOURCES);
        harness.handlers()
                .add("handler", "name", "Hello", "path", "hello", "verb", "GET,HEAD", "type", "app.TextHandler")
                .add("handler", "name", "Api", "path", "api/*", "verb", "*", "type", "app.TextHandler")
                .add("handler", "name", "Post", "path", "hello", "verb", "PUT", "type", "app.TextHandler")
                .add("handler", "name", "Reports", "path", "*.report", "verb", "GET", "type", "app.TextHandler")
                .add("handler", "name", "First", "path", "dup", "verb", "GET", "type", "app.TextHandler")
                .add("handler", "name", "Second", "path", "dup", "verb", "GET", "type", "app.BoomHandler")
                .add("handler", "name", "Native", "path", "*.txt", "verb", "GET");
        harness.start();
        return harness;
    }

    @Test
    void exactPathIsRelativeToTheRootApplication() {
        app("/");
        assertThat(harness.get("/hello").body()).isEqualTo("text:GET /hello");
        assertThat(harness.get("/HELLO").body()).isEqualTo("text:GET /HELLO");
        assertThat(harness.get("/sub/hello").body()).isEqualTo("static:/sub/hello");
    }

    @Test
    void exactPathIsRelativeToANestedApplication() {
        app("/app");
        assertThat(harness.get("/app/hello").body()).isEqualTo("text:GET /app/hello");
        assertThat(harness.get("/app/api/users/7").body()).isEqualTo("text:GET /app/api/users/7");
        assertThat(harness.get("/app/q1.Report").body()).isEqualTo("text:GET /app/q1.Report");
    }

    @Test
    void firstMatchWinsAndUnmatchedPathsGoToTheStaticFileHandler() {
        app("/");
        assertThat(harness.get("/dup").body()).isEqualTo("text:GET /dup");
        assertThat(harness.get("/api").body()).isEqualTo("static:/api");
        assertThat(harness.get("/other.html").body()).isEqualTo("static:/other.html");
    }

    @Test
    void anEntryWithoutTypeMapsToTheStaticFileHandler() {
        app("/");
        assertThat(harness.get("/notes.txt").body()).isEqualTo("static:/notes.txt");
    }

    @Test
    void verbsAreMatchedCaseSensitivelyFromTheCommaList() {
        app("/");
        assertThat(harness.request("HEAD", "/hello").send().body()).isEqualTo("text:HEAD /hello");
        assertThat(harness.request("PUT", "/hello").send().body()).isEqualTo("text:PUT /hello");
        assertThat(harness.request("get", "/hello").send().status()).isEqualTo(405);
    }

    @Test
    void aPathMatchedOnlyWithOtherVerbsIs405WithAllow() {
        app("/");
        CapturedResponse response = harness.request("POST", "/hello").send();

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow")).isEqualTo("GET, HEAD, PUT");
        assertThat(response.body()).contains("HTTP Error 405.0 - Method Not Allowed");
        assertThat(harness.request("DELETE", "/x.report").send().header("Allow")).isEqualTo("GET");
    }

    @Test
    void aNonReusableHandlerGetsAnInstancePerRequestAndAReusableOneIsShared() {
        harness = new RuntimeHarness(dir, "/").jar(TestApp.SOURCES);
        harness.handlers()
                .add("handler", "name", "Fresh", "path", "fresh", "verb", "GET", "type", "app.FreshHandler")
                .add("handler", "name", "Probe", "path", "probe", "verb", "GET", "type", "app.TextHandler");
        harness.start();
        assertThat(harness.get("/fresh").body()).isNotEqualTo(harness.get("/fresh").body());
    }

    @Test
    void entriesForTheOtherPipelineModeAreLeftOut() {
        harness = new RuntimeHarness(dir, "/").jar(TestApp.SOURCES);
        harness.handlers()
                .add("handler", "name", "Classic", "path", "mode", "verb", "GET", "type", "app.BoomHandler",
                        "preCondition", "classicMode,runtimeVersionv4.0")
                .add("handler", "name", "Integrated", "path", "mode", "verb", "GET", "type", "app.TextHandler",
                        "preCondition", "integratedMode");
        harness.start();
        assertThat(harness.get("/mode").body()).isEqualTo("text:GET /mode");
    }

    @Test
    void anUnknownHandlerTypeIsAStartupErrorNamingTheFileAndLine() {
        harness = new RuntimeHarness(dir, "/").jar(TestApp.SOURCES);
        harness.handlers().add("handler", "name", "Ghost", "path", "ghost", "verb", "GET", "type", "app.Missing");
        RuntimeHarness h = harness;
        harness = null;
        assertThatThrownBy(h::start).isInstanceOf(ConfigException.class)
                .hasMessageContaining("/test/web.config:10")
                .hasMessageContaining("<add name=\"Ghost\">")
                .hasMessageContaining("class app.Missing was not found in the application's bin/*.jar");
    }

    @Test
    void aTypeThatIsNoHandlerIsAStartupError() {
        harness = new RuntimeHarness(dir, "/").jar(TestApp.SOURCES);
        harness.handlers().add("handler", "name", "Wrong", "path", "w", "verb", "GET", "type", "app.CountingModule");
        RuntimeHarness h = harness;
        harness = null;
        assertThatThrownBy(h::start).isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not implement io.lido.api.HttpHandler");
    }

    @Test
    void aBadVerbListIsAStartupError() {
        harness = new RuntimeHarness(dir, "/").jar(TestApp.SOURCES);
        harness.handlers().add("handler", "name", "NoVerb", "path", "w", "verb", " , ", "type", "app.TextHandler");
        RuntimeHarness h = harness;
        harness = null;
        assertThatThrownBy(h::start).isInstanceOf(ConfigException.class).hasMessageContaining("verb is empty");
    }

    @Test
    void aScriptProcessorOnAnEntryThatIsNotFastCgiIsAStartupError() {
        harness = new RuntimeHarness(dir, "/").jar(TestApp.SOURCES);
        harness.handlers().add("handler", "name", "Typed", "path", "*.php", "verb", "*", "type", "app.TextHandler",
                "scriptProcessor", "/usr/bin/php-cgi");
        RuntimeHarness h = harness;
        harness = null;
        assertThatThrownBy(h::start).isInstanceOf(ConfigException.class)
                .hasMessageContaining("<add name=\"Typed\">")
                .hasMessageContaining("\"scriptProcessor\" is only for an entry without a type whose modules is FastCgiModule");
    }

    @Test
    void aFastCgiEntryNeedsACatalogThatServesTheModule() {
        harness = new RuntimeHarness(dir, "/").jar(TestApp.SOURCES);
        harness.handlers().add("handler", "name", "PHP", "path", "*.php", "verb", "*", "modules", "FastCgiModule",
                "scriptProcessor", "/usr/bin/php-cgi");
        RuntimeHarness h = harness;
        harness = null;
        assertThatThrownBy(h::start).isInstanceOf(ConfigException.class)
                .hasMessageContaining("modules \"FastCgiModule\" has no handler in this Lido");
    }
}
