package io.lido.modules.staticfile;

import io.lido.ipc.HttpDates;
import io.lido.modules.filtering.RequestFilteringRules;
import io.lido.modules.support.SectionCache;
import io.lido.modules.testing.TestRequest;
import io.lido.modules.testing.TestRequestContext;
import io.lido.modules.testing.TestRequestContext.Transmitted;
import io.lido.modules.testing.TestSite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static io.lido.modules.testing.Rejections.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

class StaticFileHandlerTest {
    private static final Instant MODIFIED = Instant.parse("2024-05-06T07:08:09.500Z");

    @TempDir
    Path temp;
    private Path root;
    private TestSite site;
    private final StaticFileHandler handler = new StaticFileHandler(new SectionCache<>(RequestFilteringRules::from), Clock.systemUTC());

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectories(temp.resolve("www"));
        site = new TestSite(root);
        write("data.txt", "0123456789");
        write("index.html", "<h1>home</h1>");
        write("noext", "x");
        write("thing.xyz", "x");
        Files.createDirectories(root.resolve("empty"));
    }

    private Path write(String name, String content) throws Exception {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(MODIFIED));
        return file;
    }

    private TestRequestContext get(String target, String... headers) throws Exception {
        TestRequestContext context = site.get(target, headers);
        handler.processRequest(context);
        return context;
    }

    /** The body sent: the transmitted file (the first request of a file) or the bytes written (a hot file). */
    private static String wholeBody(TestRequestContext context) throws Exception {
        if (context.transmitted().isEmpty()) {
            return context.response().bodyText();
        }
        assertThat(context.response().bodyText()).isEmpty();
        Transmitted region = context.transmitted().getFirst();
        return Files.readString(region.file()).substring((int) region.offset(), (int) (region.offset() + region.length()));
    }

    private String etag() throws Exception {
        return get("/data.txt").response().header("ETag");
    }

    @Test
    void servesAFileWithTypeValidatorsAndTheWholeBody() throws Exception {
        TestRequestContext context = get("/data.txt");
        assertThat(context.response().status()).isEqualTo(200);
        assertThat(context.response().contentType()).isEqualTo("text/plain");
        assertThat(context.response().header("ETag")).matches("\"[0-9a-f]+-a\"");
        assertThat(context.response().header("Last-Modified")).isEqualTo("Mon, 06 May 2024 07:08:09 GMT");
        assertThat(context.response().header("Accept-Ranges")).isEqualTo("bytes");
        assertThat(context.response().header("Cache-Control")).isNull();
        assertThat(context.transmitted()).containsExactly(new Transmitted(root.resolve("data.txt").toRealPath(), 0, 10));
    }

    @Test
    void lastModifiedIsNeverInTheFuture() throws Exception {
        Instant now = Instant.parse("2024-05-06T07:00:00Z"); // before MODIFIED
        StaticFileHandler early = new StaticFileHandler(new SectionCache<>(RequestFilteringRules::from),
                Clock.fixed(now, java.time.ZoneOffset.UTC));
        TestRequestContext context = site.get("/data.txt");
        early.processRequest(context);
        assertThat(context.response().header("Last-Modified")).isEqualTo("Mon, 06 May 2024 07:00:00 GMT");
    }

    @Test
    void headGetsTheSameHeaders() throws Exception {
        TestRequestContext context = site.request("HEAD", "/index.html");
        handler.processRequest(context);
        assertThat(context.response().status()).isEqualTo(200);
        assertThat(context.response().contentType()).isEqualTo("text/html");
        assertThat(context.transmitted()).hasSize(1);
    }

    @Test
    void etagChangesWithTheFile() throws Exception {
        String before = etag();
        write("data.txt", "0123456789!");
        assertThat(etag()).isNotEqualTo(before);
    }

    @Test
    void unknownExtensionsAndExtensionlessFilesAre404_3() throws Exception {
        assertRejected(() -> get("/thing.xyz"), 404, 3);
        assertRejected(() -> get("/noext"), 404, 3);
    }

    @Test
    void mimeMapEntriesExtendAndOverrideTheDefaults() throws Exception {
        site.config().section("system.webServer/staticContent")
                .add("fileExtension", ".xyz", "mimeType", "application/x-thing")
                .add("fileExtension", ".txt", "mimeType", "text/plain; charset=utf-8")
                .add("fileExtension", ".", "mimeType", "application/octet-stream");
        assertThat(get("/thing.xyz").response().contentType()).isEqualTo("application/x-thing");
        assertThat(get("/data.txt").response().contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(get("/noext").response().contentType()).isEqualTo("application/octet-stream");
    }

    @Test
    void defaultMapCoversTheCommonWebTypes() {
        assertThat(DefaultMimeTypes.map()).containsEntry(".css", "text/css").containsEntry(".js", "text/javascript")
                .containsEntry(".json", "application/json").containsEntry(".svg", "image/svg+xml")
                .containsEntry(".woff2", "font/woff2").containsEntry(".wasm", "application/wasm")
                .containsEntry(".mp4", "video/mp4").containsEntry(".webp", "image/webp")
                .doesNotContainKeys(".jar", ".class", ".config", ".properties");
    }

    @Test
    void ifNoneMatchGives304WithWeakComparison() throws Exception {
        String etag = etag();
        for (String value : new String[] {etag, "\"other\", W/" + etag, "*"}) {
            TestRequestContext context = get("/data.txt", "If-None-Match", value);
            assertThat(context.response().status()).as(value).isEqualTo(304);
            assertThat(context.response().header("ETag")).isEqualTo(etag);
            assertThat(context.transmitted()).isEmpty();
        }
        assertThat(get("/data.txt", "If-None-Match", "\"other\"").response().status()).isEqualTo(200);
    }

    @Test
    void ifModifiedSinceGives304OnlyWithoutIfNoneMatch() throws Exception {
        String lastModified = HttpDates.format(MODIFIED);
        assertThat(get("/data.txt", "If-Modified-Since", lastModified).response().status()).isEqualTo(304);
        assertThat(get("/data.txt", "If-Modified-Since", "Sun, 05 May 2024 07:08:09 GMT").response().status())
                .isEqualTo(200);
        assertThat(get("/data.txt", "If-Modified-Since", "not a date").response().status()).isEqualTo(200);
        assertThat(get("/data.txt", "If-None-Match", "\"other\"", "If-Modified-Since", lastModified)
                .response().status()).isEqualTo(200);
    }

    @Test
    void failedIfMatchOrIfUnmodifiedSinceGive412() throws Exception {
        assertThat(get("/data.txt", "If-Match", "\"other\"").response().status()).isEqualTo(412);
        assertThat(get("/data.txt", "If-Match", "W/" + etag()).response().status()).isEqualTo(412);
        assertThat(get("/data.txt", "If-Match", etag()).response().status()).isEqualTo(200);
        assertThat(get("/data.txt", "If-Unmodified-Since", "Sun, 05 May 2024 07:08:09 GMT").response().status())
                .isEqualTo(412);
    }

    @Test
    void singleRangesGive206() throws Exception {
        assertRange("bytes=2-5", "bytes 2-5/10", 2, 4);
        assertRange("bytes=7-", "bytes 7-9/10", 7, 3);
        assertRange("bytes=-3", "bytes 7-9/10", 7, 3);
        assertRange("bytes=-20", "bytes 0-9/10", 0, 10);
        assertRange("bytes=5-100", "bytes 5-9/10", 5, 5);
        assertRange("BYTES=0-0", "bytes 0-0/10", 0, 1);
    }

    private void assertRange(String range, String contentRange, long offset, long length) throws Exception {
        TestRequestContext context = get("/data.txt", "Range", range);
        assertThat(context.response().status()).as(range).isEqualTo(206);
        assertThat(context.response().header("Content-Range")).isEqualTo(contentRange);
        assertThat(context.transmitted()).extracting(Transmitted::offset, Transmitted::length)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(offset, length));
    }

    @Test
    void unsatisfiableRangesGive416() throws Exception {
        for (String range : new String[] {"bytes=10-", "bytes=10-20", "bytes=-0"}) {
            TestRequestContext context = get("/data.txt", "Range", range);
            assertThat(context.response().status()).as(range).isEqualTo(416);
            assertThat(context.response().header("Content-Range")).isEqualTo("bytes */10");
            assertThat(context.transmitted()).isEmpty();
        }
    }

    @Test
    void multipleMalformedOrForeignRangesGetTheWholeFile() throws Exception {
        for (String range : new String[] {"bytes=abc", "bytes=5-2", "items=0-1", "bytes=-", "bytes=0-5,3-7",
                "bytes=0-1,x", "bytes=" + "0-0,2-2,4-4,6-6,8-8,".repeat(4).replaceAll(",$", "")}) {
            TestRequestContext context = get("/data.txt", "Range", range);
            assertThat(context.response().status()).as(range).isEqualTo(200);
            assertThat(wholeBody(context)).as(range).isEqualTo("0123456789");
        }
        TestRequestContext head = site.request("HEAD", "/data.txt", "Range", "bytes=0-1");
        handler.processRequest(head);
        assertThat(head.response().status()).isEqualTo(200);
    }

    @Test
    void severalRangesGetAMultipartResponseWithAnExactLength() throws Exception {
        TestRequestContext context = get("/data.txt", "Range", "bytes=0-1,-2");
        assertThat(context.response().status()).isEqualTo(206);
        String type = context.response().contentType();
        assertThat(type).startsWith("multipart/byteranges; boundary=LIDO_");
        String boundary = type.substring(type.indexOf("boundary=") + 9);
        assertThat(context.transmitted()).extracting(Transmitted::offset, Transmitted::length)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0L, 2L), org.assertj.core.groups.Tuple.tuple(8L, 2L));
        String text = context.response().bodyText();
        assertThat(text).isEqualTo("--" + boundary + "\r\nContent-Type: text/plain\r\nContent-Range: bytes 0-1/10\r\n\r\n"
                + "\r\n--" + boundary + "\r\nContent-Type: text/plain\r\nContent-Range: bytes 8-9/10\r\n\r\n"
                + "\r\n--" + boundary + "--\r\n");
        assertThat(context.response().header("Content-Length")).isEqualTo(String.valueOf(text.length() + 4));
    }

    @Test
    void unsatisfiableRangesAmongSatisfiableOnesAreDropped() throws Exception {
        assertRange("bytes=0-1,50-60", "bytes 0-1/10", 0, 2);
    }

    @Test
    void ifRangeHonoursTheRangeOnlyForTheCurrentRepresentation() throws Exception {
        String etag = etag();
        assertThat(get("/data.txt", "Range", "bytes=0-1", "If-Range", etag).response().status()).isEqualTo(206);
        assertThat(get("/data.txt", "Range", "bytes=0-1", "If-Range", "\"old\"").response().status()).isEqualTo(200);
        assertThat(get("/data.txt", "Range", "bytes=0-1", "If-Range", "W/" + etag).response().status()).isEqualTo(200);
        assertThat(get("/data.txt", "Range", "bytes=0-1", "If-Range", HttpDates.format(MODIFIED)).response().status())
                .isEqualTo(206);
        assertThat(get("/data.txt", "Range", "bytes=0-1", "If-Range", "Sun, 05 May 2024 07:08:09 GMT")
                .response().status()).isEqualTo(200);
    }

    @Test
    void clientCacheSetsCacheControl() throws Exception {
        var clientCache = site.config().section("system.webServer/staticContent").child("clientCache");
        clientCache.set("cacheControlMode", "UseMaxAge").set("cacheControlMaxAge", "1:00:00");
        assertThat(get("/data.txt").response().header("Cache-Control")).isEqualTo("max-age=3600");
    }

    @Test
    void clientCacheCustomExpiresAndSetEtag() throws Exception {
        var clientCache = site.config().section("system.webServer/staticContent").child("clientCache");
        clientCache.set("cacheControlMode", "UseExpires").set("httpExpires", "Fri, 01 Jan 2100 00:00:00 GMT")
                .set("cacheControlCustom", "public").set("setEtag", "false");
        TestRequestContext context = get("/data.txt");
        assertThat(context.response().header("Expires")).isEqualTo("Fri, 01 Jan 2100 00:00:00 GMT");
        assertThat(context.response().header("Cache-Control")).isEqualTo("public");
        assertThat(context.response().header("ETag")).isNull();
    }

    @Test
    void clientCacheCanDisableCaching() throws Exception {
        site.config().section("system.webServer/staticContent").child("clientCache").set("cacheControlMode", "DisableCache");
        assertThat(get("/data.txt").response().header("Cache-Control")).isEqualTo("no-cache");
    }

    @Test
    void missingFilesAndFilesWithATrailingSlashAre404() throws Exception {
        assertRejected(() -> get("/missing.txt"), 404, 0);
        assertRejected(() -> get("/data.txt/"), 404, 0);
        assertRejected(() -> get("/data.txt/more"), 404, 0);
    }

    @Test
    void otherMethodsGet405WithAllowAndOptionsGetsAllow() throws Exception {
        TestRequestContext post = site.request("POST", "/data.txt");
        handler.processRequest(post);
        assertThat(post.response().status()).isEqualTo(405);
        assertThat(post.response().header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
        assertThat(post.transmitted()).isEmpty();
        TestRequestContext options = site.request("OPTIONS", "/data.txt");
        handler.processRequest(options);
        assertThat(options.response().status()).isEqualTo(200);
        assertThat(options.response().header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
    }

    @Test
    void aFileInAFolderIsServedFromBelowTheRoot() throws Exception {
        write("css/site.css", "body{}");
        TestRequestContext context = get("/css/site.css");
        assertThat(context.response().contentType()).isEqualTo("text/css");
        assertThat(context.transmitted().getFirst().file()).isEqualTo(root.resolve("css/site.css").toRealPath());
    }

    @Test
    void aRequestMappedOutsideTheRootIsNeverServed() throws Exception {
        Path outside = Files.writeString(temp.resolve("secret.txt"), "secret");
        TestRequest request = new TestRequest("GET", "/secret.txt", path -> outside);
        TestRequestContext context = new TestRequestContext(request, site.config(), site.application());
        assertRejected(() -> handler.processRequest(context), 404, 0);
        assertThat(context.transmitted()).isEmpty();
    }

    @Test
    void applicationAndVirtualDirectoryRootsAreRespected() throws Exception {
        Path images = Files.createDirectories(temp.resolve("images"));
        Files.writeString(images.resolve("logo.png"), "png");
        var application = new io.lido.config.SiteConfig.Application("/app", "Pool", false, java.util.List.of(
                new io.lido.config.SiteConfig.VirtualDirectory("/", root, null),
                new io.lido.config.SiteConfig.VirtualDirectory("/images", images, null)), null);
        TestRequest good = new TestRequest("GET", "/app/images/logo.png", path -> images.resolve("logo.png"))
                .applicationPath("/app");
        TestRequestContext served = new TestRequestContext(good, site.config(), application);
        handler.processRequest(served);
        assertThat(served.response().contentType()).isEqualTo("image/png");
        // the runtime must map /app/images/... into the images folder; a mapping into the other root is refused
        TestRequest wrongRoot = new TestRequest("GET", "/app/images/data.txt", path -> root.resolve("data.txt"))
                .applicationPath("/app");
        assertRejected(() -> handler.processRequest(new TestRequestContext(wrongRoot, site.config(), application)), 404, 0);
    }
}
