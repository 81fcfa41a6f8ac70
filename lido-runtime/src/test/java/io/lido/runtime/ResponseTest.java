package io.lido.runtime;

import io.lido.api.HttpCookie;
import io.lido.api.HttpHandler;
import io.lido.runtime.testing.CapturedResponse;
import io.lido.runtime.testing.RuntimeHarness;
import io.lido.runtime.testing.RuntimeTestBase;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseTest extends RuntimeTestBase {


    private CapturedResponse serve(HttpHandler handler) {
        return serve("GET", handler);
    }

    private CapturedResponse serve(String method, HttpHandler handler) {
        harness = new RuntimeHarness(dir, "/");
        harness.catalog.staticHandler(handler);
        harness.start();
        return harness.request(method, "/page").send();
    }

    @Test
    void aSmallResponseGoesOutAsOneHeadWithContentLengthOneBodyAndEnd() {
        CapturedResponse response = serve(ctx -> {
            ctx.response().contentType("text/plain");
            ctx.response().write("Hello, ");
            ctx.response().write("World!");
        });

        assertThat(response.calls()).containsExactly("head", "body:13", "end");
        assertThat(response.header("Content-Length")).isEqualTo("13");
        assertThat(response.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(response.body()).isEqualTo("Hello, World!");
    }

    @Test
    void aResponseLargerThanTheBufferIsCommittedWithoutLengthAndStreamed() {
        String big = "x".repeat(40_000);
        CapturedResponse response = serve(ctx -> ctx.response().write(big));

        assertThat(response.header("Content-Length")).isNull();
        assertThat(response.calls().getFirst()).isEqualTo("head");
        assertThat(response.calls().getLast()).isEqualTo("end");
        assertThat(response.body()).isEqualTo(big);
    }

    @Test
    void manySmallWritesAreCoalescedIntoBufferSizedSends() {
        CapturedResponse response = serve(ctx -> {
            for (int i = 0; i < 5000; i++) {
                ctx.response().write("0123456789");
            }
        });

        assertThat(response.bodyLength()).isEqualTo(50_000);
        assertThat(response.calls()).hasSizeLessThan(8);
    }

    @Test
    void anExplicitContentLengthIsKept() {
        CapturedResponse response = serve(ctx -> {
            ctx.response().contentLength(3);
            ctx.response().write("abc");
            ctx.response().flush();
        });
        assertThat(response.header("Content-Length")).isEqualTo("3");
        assertThat(response.body()).isEqualTo("abc");
    }

    @Test
    void textWithoutContentTypeIsHtmlInUtf8AndAnEmptyBodyHasNoType() {
        CapturedResponse text = serve(ctx -> ctx.response().write("é"));
        assertThat(text.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(text.header("Content-Length")).isEqualTo("2");
        harness.close();

        CapturedResponse empty = serve(ctx -> ctx.response().status(204));
        assertThat(empty.header("Content-Type")).isNull();
        assertThat(empty.header("Content-Length")).isNull();
        assertThat(empty.status()).isEqualTo(204);
    }

    @Test
    void textIsEncodedInTheCharsetOfTheContentType() {
        CapturedResponse response = serve(ctx -> {
            ctx.response().contentType("text/plain; charset=ISO-8859-1");
            ctx.response().write("é");
        });
        assertThat(response.header("Content-Length")).isEqualTo("1");
        assertThat(response.header("Content-Type")).isEqualTo("text/plain; charset=ISO-8859-1");
    }

    @Test
    void headAnswersWithTheHeadersOfGet() {
        CapturedResponse response = serve("HEAD", ctx -> ctx.response().write("twelve bytes"));
        assertThat(response.header("Content-Length")).isEqualTo("12");
    }

    @Test
    void cookiesBecomeSetCookieFields() {
        CapturedResponse response = serve(ctx -> {
            ctx.response().cookie(HttpCookie.of("sid", "abc123").withHttpOnly(true).withSecure(true).withSameSite("Lax"));
            ctx.response().cookie(HttpCookie.of("old", "").withMaxAge(Duration.ZERO).withPath("/app"));
            ctx.response().cookie(HttpCookie.of("pref", "dark").withMaxAge(Duration.ofDays(1)).withDomain("example.com"));
        });
        assertThat(response.headers().getAll("Set-Cookie")).containsExactly(
                "sid=abc123; Path=/; Secure; HttpOnly; SameSite=Lax",
                "old=; Path=/app; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
                "pref=dark; Path=/; Domain=example.com; Max-Age=86400");
    }

    @Test
    void aCookieValueThatCouldInjectHeadersIsRefused() {
        CapturedResponse response = serve(ctx -> ctx.response().cookie(HttpCookie.of("a", "x; Domain=evil")));
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.headers().getAll("Set-Cookie")).isEmpty();
        assertThat(response.body()).contains("character RFC 6265 forbids");
    }

    @Test
    void headerValuesWithLineBreaksAreRefused() {
        CapturedResponse response = serve(ctx -> ctx.response().header("X-Name", "a\r\nSet-Cookie: evil=1"));
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.header("X-Name")).isNull();
        assertThat(response.body()).contains("would split the response");
    }

    @Test
    void redirectSetsStatusLocationAndAShortBodyAndEndsTheRequest() {
        CapturedResponse response = serve(ctx -> {
            ctx.response().write("discarded");
            ctx.response().redirect("~/login?next=<x>");
            ctx.response().write("ignored after redirect");
        });
        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("Location")).isEqualTo("/login?next=<x>");
        assertThat(response.body()).contains("Object moved", "href=\"/login?next=&lt;x&gt;\"").doesNotContain("ignored");
        harness.close();

        CapturedResponse permanent = serve(ctx -> ctx.response().redirect("https://example.com/", true));
        assertThat(permanent.status()).isEqualTo(301);
        assertThat(permanent.header("Location")).isEqualTo("https://example.com/");
    }

    @Test
    void anExceptionAfterARedirectStillGetsTheErrorPage() {
        CapturedResponse response = serve(ctx -> {
            ctx.response().redirect("/elsewhere");
            throw new IllegalStateException("after redirect");
        });
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.header("Location")).isNull();
        assertThat(response.body()).contains("after redirect");
    }

    @Test
    void anHttpExceptionKeepsTheHeadersSetBeforeItButNotTheBody() {
        CapturedResponse response = serve(ctx -> {
            ctx.response().header("WWW-Authenticate", "Basic realm=\"lido\"");
            ctx.response().contentType("application/json");
            ctx.response().write("{\"partial\":");
            throw new io.lido.api.HttpException(401, "credentials required");
        });
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Basic realm=\"lido\"");
        assertThat(response.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(response.body()).contains("HTTP Error 401.0 - Unauthorized").doesNotContain("partial");
    }

    @Test
    void headersCannotChangeAfterTheyWereSent() {
        CapturedResponse response = serve(ctx -> {
            ctx.response().write("a");
            ctx.response().flush();
            try {
                ctx.response().header("X-Late", "1");
                ctx.response().write("not reached");
            } catch (IllegalStateException e) {
                ctx.response().write("|" + e.getMessage());
            }
        });
        assertThat(response.body()).isEqualTo("a|the response headers have already been sent");
    }

    @Test
    void anExceptionAfterTheHeadWasSentAbortsTheResponse() {
        CapturedResponse response = serve(ctx -> {
            ctx.response().write("half");
            ctx.response().flush();
            throw new IllegalStateException("late failure");
        });
        assertThat(response.ended()).isFalse();
        assertThat(response.abortReason()).contains("IllegalStateException");
    }

    @Test
    void transmitFileSendsTheRegionWithItsLength() throws Exception {
        Path file = Files.writeString(dir.resolve("data.txt"), "0123456789");
        CapturedResponse response = serve(ctx -> {
            ctx.response().contentType("text/plain");
            ((RequestContext) ctx).transmitFile(file, 2, 5);
        });
        assertThat(response.calls()).containsExactly("head", "file:5", "end");
        assertThat(response.header("Content-Length")).isEqualTo("5");
        assertThat(response.body()).isEqualTo("23456");
    }

    @Test
    void outputStreamWritesBytes() {
        CapturedResponse response = serve(ctx -> {
            ctx.response().outputStream().write("bytes".getBytes(StandardCharsets.US_ASCII));
            ctx.response().outputStream().write('!');
        });
        assertThat(response.body()).isEqualTo("bytes!");
    }
}
