package io.lido.server.modules;

import io.lido.server.LidoTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The StaticFile handler through the real server (issue 2 part 7): MIME types and 404.3, validators and
 * 304, single ranges (206/416, If-Range), HEAD, 405, the folder slash redirect, default documents,
 * directory listing and 403.14, and clientCache.
 */
class StaticFileSocketTest {
    private static final byte[] BIG = new byte[3 * 1024 * 1024 + 17];

    @TempDir
    static Path dir;
    private static LidoTestServer lido;

    @BeforeAll
    static void start() throws Exception {
        new java.util.Random(42).nextBytes(BIG);
        lido = LidoTestServer.in(dir)
                .file("wwwroot/big.bin", BIG)
                .serverWebServer("""
                        <staticContent>
                          <mimeMap fileExtension=".lido" mimeType="application/x-lido" />
                          <clientCache cacheControlMode="UseMaxAge" cacheControlMaxAge="00:05:00" />
                        </staticContent>
                        """)
                .webFile("data.txt", "0123456789")
                .webFile("page.html", "<p>page</p>")
                .webFile("thing.xyz", "unknown type")
                .webFile("custom.lido", "custom type")
                .webFile("noext", "no extension")
                .webFile("docs/index.html", "docs home")
                .webFile("docs/Default.htm", "default first")
                .webFile("browse/a&b.txt", "x")
                .webFile("browse/web.config", """
                        <configuration><system.webServer><directoryBrowse enabled="true" /></system.webServer></configuration>
                        """)
                .webFile("empty/readme.txt", "no default document here")
                .file("outside/canary.txt", "CANARY-OUTSIDE")
                .start();
        Files.createSymbolicLink(lido.wwwroot().resolve("out.txt"), dir.resolve("outside/canary.txt"));
        Files.createSymbolicLink(lido.wwwroot().resolve("outdir"), dir.resolve("outside"));
        Files.createSymbolicLink(lido.wwwroot().resolve("alias.txt"), lido.wwwroot().resolve("page.html"));
        Files.setLastModifiedTime(lido.wwwroot().resolve("data.txt"),
                java.nio.file.attribute.FileTime.from(java.time.Instant.parse("2024-05-06T07:08:09Z")));
    }

    @AfterAll
    static void stop() {
        lido.close();
    }

    private static HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(lido.uri(path)).timeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return lido.send(request.build());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    @Test
    void aFileIsServedWithTypeLengthValidatorsAndCachePolicy() {
        HttpResponse<String> response = get("/data.txt");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("0123456789");
        assertThat(header(response, "Content-Type")).isEqualTo("text/plain");
        assertThat(header(response, "Content-Length")).isEqualTo("10");
        assertThat(header(response, "ETag")).matches("\"[0-9a-f]+-a\"");
        assertThat(header(response, "Last-Modified")).isEqualTo("Mon, 06 May 2024 07:08:09 GMT");
        assertThat(header(response, "Accept-Ranges")).isEqualTo("bytes");
        assertThat(header(response, "Cache-Control")).isEqualTo("max-age=300");
        assertThat(get("/custom.lido").headers().firstValue("Content-Type")).contains("application/x-lido");
    }

    @Test
    void aLargeFileArrivesIntactAndARangeInItsMiddleToo() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        HttpResponse<byte[]> whole = client.send(HttpRequest.newBuilder(lido.uri("/big.bin")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(header(whole, "Content-Type")).isEqualTo("application/octet-stream");
        assertThat(whole.body()).isEqualTo(BIG);
        HttpResponse<byte[]> part = client.send(HttpRequest.newBuilder(lido.uri("/big.bin"))
                .header("Range", "bytes=1000000-1999999").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(BIG, 1_000_000, 2_000_000));
    }

    @Test
    void unknownExtensionsAndExtensionlessFilesAre404_3() {
        for (String path : new String[] {"/thing.xyz", "/noext"}) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).contains("404.3").doesNotContain("unknown type", "no extension");
        }
    }

    @Test
    void conditionalRequestsGet304WithoutABody() {
        String etag = header(get("/data.txt"), "ETag");
        for (String[] condition : new String[][] {{"If-None-Match", etag}, {"If-None-Match", "\"x\", W/" + etag},
                {"If-Modified-Since", "Mon, 06 May 2024 07:08:09 GMT"}}) {
            RawResponse response = RawResponse.parse(lido.raw("GET /data.txt HTTP/1.1\r\nHost: localhost\r\n"
                    + condition[0] + ": " + condition[1] + "\r\nConnection: close\r\n\r\n"));
            assertThat(response.status()).as(condition[1]).isEqualTo(304);
            assertThat(response.body()).as(condition[1]).isEmpty();
            assertThat(response.head()).contains("ETag: " + etag);
        }
        assertThat(get("/data.txt", "If-None-Match", "\"stale\"").statusCode()).isEqualTo(200);
        assertThat(get("/data.txt", "If-Modified-Since", "Sun, 05 May 2024 07:08:09 GMT").statusCode()).isEqualTo(200);
    }

    @Test
    void aSingleRangeGets206AndAnUnsatisfiableOne416() {
        HttpResponse<String> part = get("/data.txt", "Range", "bytes=2-5");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo("2345");
        assertThat(header(part, "Content-Range")).isEqualTo("bytes 2-5/10");
        assertThat(header(part, "Content-Length")).isEqualTo("4");
        assertThat(get("/data.txt", "Range", "bytes=-3").body()).isEqualTo("789");
        HttpResponse<String> beyond = get("/data.txt", "Range", "bytes=20-");
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(header(beyond, "Content-Range")).isEqualTo("bytes */10");
        assertThat(beyond.body()).doesNotContain("0123456789");
        HttpResponse<String> overlapping = get("/data.txt", "Range", "bytes=0-5,4-7");
        assertThat(overlapping.statusCode()).isEqualTo(200);
        assertThat(overlapping.body()).isEqualTo("0123456789");
    }

    @Test
    void severalRangesArriveAsMultipartByteranges() {
        HttpResponse<String> response = get("/data.txt", "Range", "bytes=0-1,7-");
        assertThat(response.statusCode()).isEqualTo(206);
        String type = header(response, "Content-Type");
        assertThat(type).startsWith("multipart/byteranges; boundary=");
        String boundary = type.substring(type.indexOf("boundary=") + 9);
        assertThat(response.body()).isEqualTo("--" + boundary + "\r\nContent-Type: text/plain\r\n"
                + "Content-Range: bytes 0-1/10\r\n\r\n01\r\n--" + boundary + "\r\nContent-Type: text/plain\r\n"
                + "Content-Range: bytes 7-9/10\r\n\r\n789\r\n--" + boundary + "--\r\n");
        assertThat(header(response, "Content-Length")).isEqualTo(String.valueOf(response.body().length()));
    }

    @Test
    void ifRangeHonoursTheRangeOnlyForTheCurrentVersion() {
        String etag = header(get("/data.txt"), "ETag");
        assertThat(get("/data.txt", "Range", "bytes=0-1", "If-Range", etag).body()).isEqualTo("01");
        HttpResponse<String> stale = get("/data.txt", "Range", "bytes=0-1", "If-Range", "\"old\"");
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo("0123456789");
    }

    @Test
    void headSendsTheHeadersOfGetAndNoBody() {
        RawResponse response = RawResponse.parse(lido.raw(
                "HEAD /data.txt HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headLowerCase()).contains("content-length: 10").contains("content-type: text/plain");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void aHotFileServedFromMemoryKeepsItsHeadAndBodyAndAnEditIsSeenAtOnce() throws Exception {
        Path file = lido.wwwroot().resolve("hot.txt");
        Files.writeString(file, "first version");
        HttpResponse<String> fromDisk = get("/hot.txt");
        // the second request within ten seconds loads the file into the cache (IIS's frequent-hit rule)
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> hot = get("/hot.txt");
            assertThat(hot.body()).isEqualTo("first version");
            for (String name : new String[] {"Content-Length", "Content-Type", "ETag", "Last-Modified"}) {
                assertThat(header(hot, name)).as(name).isEqualTo(header(fromDisk, name));
            }
        }
        RawResponse head = RawResponse.parse(lido.raw(
                "HEAD /hot.txt HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
        assertThat(head.headLowerCase()).contains("content-length: 13");
        assertThat(head.body()).isEmpty();

        Files.writeString(file, "the second, longer version");
        HttpResponse<String> edited = get("/hot.txt");
        assertThat(edited.body()).isEqualTo("the second, longer version");
        assertThat(header(edited, "ETag")).isNotEqualTo(header(fromDisk, "ETag"));
        Files.delete(file);
        assertThat(get("/hot.txt").statusCode()).isEqualTo(404);
    }

    @Test
    void symbolicLinksOutOfTheRootAre404AndLinksInsideItAreServed() {
        for (String path : new String[] {"/out.txt", "/outdir/canary.txt", "/outdir/"}) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).doesNotContain("CANARY-OUTSIDE");
        }
        HttpResponse<String> alias = get("/alias.txt");
        assertThat(alias.statusCode()).isEqualTo(200);
        assertThat(alias.body()).isEqualTo("<p>page</p>");
        assertThat(header(alias, "Content-Type")).as("the requested name decides the type").isEqualTo("text/plain");
    }

    @Test
    void otherMethodsGet405WithAllow() {
        HttpResponse<String> response = lido.send(HttpRequest.newBuilder(lido.uri("/data.txt"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(header(response, "Allow")).isEqualTo("GET, HEAD, OPTIONS");
    }

    @Test
    void aFolderIsRedirectedToItsSlashFormThenServesItsFirstDefaultDocument() {
        HttpResponse<String> redirect = get("/docs?x=1");
        assertThat(redirect.statusCode()).isEqualTo(301);
        assertThat(header(redirect, "Location")).isEqualTo("/docs/?x=1");
        HttpResponse<String> home = get("/docs/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).isEqualTo("default first");
        assertThat(header(home, "Content-Type")).isEqualTo("text/html");
    }

    @Test
    void aFolderWithBrowsingEnabledIsListedAndOtherwiseIs403_14() {
        HttpResponse<String> listing = get("/browse/");
        assertThat(listing.statusCode()).isEqualTo(200);
        assertThat(listing.body()).contains("<a href=\"/browse/a%26b.txt\">a&amp;b.txt</a>")
                .doesNotContain("web.config");
        HttpResponse<String> denied = get("/empty/");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("403.14");
    }
}
