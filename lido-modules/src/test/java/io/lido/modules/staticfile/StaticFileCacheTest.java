package io.lido.modules.staticfile;

import io.lido.modules.filtering.RequestFilteringRules;
import io.lido.modules.support.SectionCache;
import io.lido.modules.testing.TestRequestContext;
import io.lido.modules.testing.TestRequestContext.Transmitted;
import io.lido.modules.testing.TestSite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static io.lido.modules.testing.Rejections.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

class StaticFileCacheTest {
    private static final Instant MODIFIED = Instant.parse("2024-05-06T07:08:09.500Z");

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration step) {
            now = now.plus(step);
        }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { throw new UnsupportedOperationException(); }
        @Override public Instant instant() { return now; }
    }

    @TempDir
    Path temp;
    private Path root;
    private TestSite site;
    private final ManualClock clock = new ManualClock();
    private final StaticFileHandler handler =
            new StaticFileHandler(new SectionCache<>(RequestFilteringRules::from), clock);

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectories(temp.resolve("www"));
        site = new TestSite(root);
        write("data.txt", "0123456789");
    }

    private void write(String name, String content) throws Exception {
        Path file = root.resolve(name);
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(MODIFIED));
    }

    private TestRequestContext get(String target, String... headers) {
        TestRequestContext context = site.get(target, headers);
        handler.processRequest(context);
        return context;
    }

    @Test
    void aFileRequestedAgainWithinTheFrequentHitPeriodIsServedFromMemoryWithTheSameHead() throws Exception {
        TestRequestContext first = get("/data.txt");
        assertThat(first.transmitted()).containsExactly(new Transmitted(root.resolve("data.txt").toRealPath(), 0, 10));

        clock.advance(Duration.ofSeconds(5));
        TestRequestContext second = get("/data.txt");
        TestRequestContext third = get("/data.txt");

        for (TestRequestContext hot : new TestRequestContext[] {second, third}) {
            assertThat(hot.transmitted()).isEmpty();
            assertThat(hot.response().bodyText()).isEqualTo("0123456789");
            assertThat(hot.response().header("Content-Length")).isEqualTo("10");
            assertThat(hot.response().status()).isEqualTo(200);
            for (String name : new String[] {"Content-Type", "ETag", "Last-Modified", "Accept-Ranges"}) {
                assertThat(hot.response().header(name)).as(name).isEqualTo(first.response().header(name));
            }
        }
    }

    @Test
    void hitsFurtherApartThanTheFrequentHitPeriodStayOnDisk() {
        get("/data.txt");
        clock.advance(Duration.ofSeconds(11));
        assertThat(get("/data.txt").transmitted()).hasSize(1);
        clock.advance(Duration.ofSeconds(11));
        assertThat(get("/data.txt").transmitted()).hasSize(1);
    }

    @Test
    void aChangedFileIsServedAnewAtOnceEvenWithinTheVerdictsSecond() throws Exception {
        get("/data.txt");
        get("/data.txt");
        String oldTag = get("/data.txt").response().header("ETag");

        write("data.txt", "changed!");
        TestRequestContext after = get("/data.txt");

        assertThat(after.response().header("ETag")).isNotEqualTo(oldTag);
        assertThat(after.response().header("Content-Length")).isEqualTo("8");
        assertThat(after.transmitted()).extracting(Transmitted::length).containsExactly(8L);
        assertThat(get("/data.txt").response().bodyText()).isEqualTo("changed!");
    }

    @Test
    void aDeletedFileIs404AtOnce() throws Exception {
        get("/data.txt");
        get("/data.txt");
        Files.delete(root.resolve("data.txt"));

        assertRejected(() -> get("/data.txt"), 404, 0);
    }

    @Test
    void aLinkThatNowPointsOutsideIsRefusedOnceTheVerdictExpires() throws Exception {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "0123456789");
        Files.setLastModifiedTime(outside.resolve("secret.txt"), FileTime.from(MODIFIED));
        Path inside = Files.createDirectories(root.resolve("in"));
        Files.writeString(inside.resolve("page.txt"), "0123456789");
        Files.setLastModifiedTime(inside.resolve("page.txt"), FileTime.from(MODIFIED));
        Files.createSymbolicLink(root.resolve("link"), inside);
        assertThat(get("/link/page.txt").response().status()).isEqualTo(200);

        Files.delete(root.resolve("link"));
        Files.createSymbolicLink(root.resolve("link"), outside);
        clock.advance(Duration.ofMillis(StaticFileCache.VERDICT_TTL_MILLIS));

        assertRejected(() -> get("/link/secret.txt"), 404, 0);
        assertRejected(() -> get("/link/page.txt"), 404, 0);
    }

    @Test
    void cachingDisabledOrAFileOverMaxResponseSizeIsAlwaysSentFromDisk() throws Exception {
        site.config().section(CachingSettings.SECTION).set("enabled", "false");
        get("/data.txt");
        assertThat(get("/data.txt").transmitted()).hasSize(1);

        site.config().section(CachingSettings.SECTION).set("enabled", "true").set("maxResponseSize", "9");
        StaticFileHandler fresh = new StaticFileHandler(new SectionCache<>(RequestFilteringRules::from), clock);
        for (int i = 0; i < 3; i++) {
            TestRequestContext context = site.get("/data.txt");
            fresh.processRequest(context);
            assertThat(context.transmitted()).hasSize(1);
        }
    }

    @Test
    void rangesOfAHotFileStillGetTheirPart() {
        get("/data.txt");
        get("/data.txt");
        TestRequestContext part = get("/data.txt", "Range", "bytes=2-4");
        assertThat(part.response().status()).isEqualTo(206);
        assertThat(part.transmitted()).extracting(Transmitted::offset, Transmitted::length)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, 3L));
    }

    @Test
    void maxCacheSizeBindsInMegabytesAndZeroMeansTheAutomaticBudget() {
        CachingSettings auto = CachingSettings.from(site.config().section(CachingSettings.SECTION));
        assertThat(auto.maxCacheBytes()).isEqualTo(CachingSettings.AUTO_CACHE_BYTES);
        assertThat(auto.maxResponseSize()).isEqualTo(262144);
        site.config().section(CachingSettings.SECTION).set("maxCacheSize", "3");
        assertThat(CachingSettings.from(site.config().section(CachingSettings.SECTION)).maxCacheBytes())
                .isEqualTo(3L << 20);
    }

    @Test
    void contentOverTheCacheBudgetDropsWhatWasCachedBefore() throws Exception {
        site.config().section(CachingSettings.SECTION).set("maxCacheSize", "1").set("maxResponseSize", "1048576");
        byte[] big = new byte[600 * 1024];
        Files.write(root.resolve("a.bin"), big);
        Files.write(root.resolve("b.bin"), big);
        get("/a.bin");
        assertThat(get("/a.bin").transmitted()).as("a is hot").isEmpty();
        get("/b.bin");
        assertThat(get("/b.bin").transmitted()).as("b is loaded, a is dropped to make room").isEmpty();
        assertThat(get("/b.bin").transmitted()).as("b stays hot").isEmpty();

        assertThat(get("/a.bin").transmitted()).as("a starts over from disk").hasSize(1);
        assertThat(get("/a.bin").transmitted()).isEmpty();
    }
}
