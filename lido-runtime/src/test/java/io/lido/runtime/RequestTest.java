package io.lido.runtime;

import io.lido.api.HttpContext;
import io.lido.runtime.testing.CapturedResponse;
import io.lido.runtime.testing.RuntimeHarness;
import io.lido.runtime.testing.RuntimeTestBase;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class RequestTest extends RuntimeTestBase {


    /** Starts an application at {@code appPath} whose every request answers {@code probe(context)}. */
    private void start(String appPath, Function<HttpContext, Object> probe) {
        harness = new RuntimeHarness(dir, appPath);
        harness.catalog.staticHandler(ctx -> ctx.response().write(String.valueOf(probe.apply(ctx))));
        harness.start();
    }

    @Test
    void queryParametersAreDecodedInOrderWithPlusAsSpace() {
        start("/", ctx -> ctx.request().queryParameters());
        assertThat(harness.get("/p?b=2&a=x+y&b=%E2%82%AC&flag&=empty").body())
                .isEqualTo("{b=[2, €], a=[x y], flag=[], =[empty]}");
    }

    @Test
    void queryLookupGivesTheFirstValueOrNull() {
        start("/", ctx -> ctx.request().query("b") + "," + ctx.request().query("zz") + "," + ctx.request().queryString());
        assertThat(harness.get("/p?b=1&b=2").body()).isEqualTo("1,null,b=1&b=2");
    }

    @Test
    void aMalformedQueryIs400() {
        start("/", ctx -> ctx.request().query("a"));
        CapturedResponse response = harness.get("/p?a=%zz");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("malformed percent-encoding in the query string");
    }

    @Test
    void urlencodedFormFieldsAreParsedFromTheBodyAndTheBodyStaysReadable() {
        start("/", ctx -> {
            String fields = ctx.request().formFields().toString();
            try {
                return fields + "|" + new String(ctx.request().body().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        CapturedResponse response = harness.request("POST", "/form")
                .body("name=Ann+Lee&tags=a&tags=b%26c", "application/x-www-form-urlencoded; charset=UTF-8").send();
        assertThat(response.body()).isEqualTo("{name=[Ann Lee], tags=[a, b&c]}|name=Ann+Lee&tags=a&tags=b%26c");
    }

    @Test
    void otherContentTypesHaveNoFormFields() {
        start("/", ctx -> ctx.request().formFields() + ":" + ctx.request().form("a"));
        assertThat(harness.request("POST", "/f").body("{\"a\":1}", "application/json").send().body()).isEqualTo("{}:null");
    }

    @Test
    void aFormLargerThanMaxAllowedContentLengthIs413() {
        start("/", ctx -> ctx.request().formFields());
        harness.config.section("system.webServer/security/requestFiltering").childElement("requestLimits")
                .set("maxAllowedContentLength", "10");
        CapturedResponse response = harness.request("POST", "/f")
                .body("a=0123456789", "application/x-www-form-urlencoded").send();
        assertThat(response.status()).isEqualTo(413);
    }

    @Test
    void cookiesFollowRfc6265AndTheFirstOccurrenceWins() {
        start("/", ctx -> ctx.request().cookies() + "," + ctx.request().cookie("sid"));
        CapturedResponse response = harness.request("GET", "/c")
                .header("Cookie", "sid=abc; theme=\"dark\"; junk; =nameless")
                .header("Cookie", "sid=later; lang=en").send();
        assertThat(response.body()).isEqualTo("{sid=abc, theme=dark, lang=en},abc");
    }

    @Test
    void headersAreCaseInsensitiveAndNamesAreListedOnce() {
        start("/", ctx -> ctx.request().header("x-a") + ctx.request().headers("X-A") + ctx.request().headerNames());
        CapturedResponse response = harness.request("GET", "/h").header("X-A", "1").header("x-a", "2").send();
        assertThat(response.body()).isEqualTo("1[1, 2][Host, X-A]");
    }

    @Test
    void loopbackAndTheServersOwnAddressAreLocal() {
        start("/", ctx -> ctx.request().isLocal());
        assertThat(harness.request("GET", "/").remote("127.0.0.1").send().body()).isEqualTo("true");
        assertThat(harness.request("GET", "/").remote("::1").send().body()).isEqualTo("true");
        assertThat(harness.request("GET", "/").remote("10.1.2.3").send().body()).isEqualTo("false");
    }

    @Test
    void pathsRelativeToANestedApplication() {
        start("/app", ctx -> ctx.request().applicationPath() + "|" + ctx.request().appRelativePath() + "|"
                + ctx.request().protocol() + "|" + ctx.request().host());
        assertThat(harness.get("/app/docs/a.txt").body()).isEqualTo("/app|~/docs/a.txt|HTTP/1.1|localhost");
        assertThat(harness.get("/app").body()).isEqualTo("/app|~/|HTTP/1.1|localhost");
    }

    @Test
    void physicalPathUsesTheLongestVirtualDirectory() {
        start("/app", ctx -> ctx.request().physicalPath());
        assertThat(harness.get("/app/docs/a.txt").body()).isEqualTo(harness.appRoot.resolve("docs/a.txt").toString());
        assertThat(harness.get("/app/Media/b.png").body()).isEqualTo(dir.resolve("media/b.png").toString());
    }

    @Test
    void mapPathResolvesTildeSiteAndRelativeFormsAndRefusesEscapes() {
        start("/app", ctx -> ctx.server().mapPath(ctx.request().query("p")));
        assertThat(harness.get("/app/docs/x?p=~/a.txt").body()).isEqualTo(harness.appRoot.resolve("a.txt").toString());
        assertThat(harness.get("/app/docs/x?p=/top.txt").body()).isEqualTo(harness.siteRoot.resolve("top.txt").toString());
        assertThat(harness.get("/app/docs/x?p=img/c.png").body())
                .isEqualTo(harness.appRoot.resolve("docs/img/c.png").toString());
        assertThat(harness.get("/app/docs/x?p=../../../etc/passwd").status()).isEqualTo(400);
        assertThat(harness.get("/app/docs/x?p=..%5C..%5Cwin.ini").status()).isEqualTo(400);
    }

    @Test
    void serverUtilityEncodes() {
        start("/", ctx -> ctx.server().htmlEncode("<a href='x'>&</a>") + " " + ctx.server().urlEncode("a b&c")
                + " " + ctx.server().urlDecode("a+b%26c"));
        assertThat(harness.get("/").body()).isEqualTo("&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt; a+b%26c a b&c");
    }

    @Test
    void itemsAndUserLiveForOneRequest() {
        start("/", ctx -> {
            Object before = ctx.items().put("k", "v");
            ctx.user(() -> "alice");
            return before + ":" + ctx.user().getName();
        });
        assertThat(harness.get("/").body()).isEqualTo("null:alice");
        assertThat(harness.get("/").body()).isEqualTo("null:alice");
    }
}
