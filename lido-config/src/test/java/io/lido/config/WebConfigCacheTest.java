package io.lido.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The merged configuration is cached per level and re-checked against the files at most once a second. */
class WebConfigCacheTest {
    @TempDir
    Path root;

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static boolean browse(ServerConfig config, String path) {
        return config.webConfig(config.sites().getFirst(), path).section("system.webServer/directoryBrowse").bool("enabled");
    }

    private static void touch(Path file, int secondsLater) throws Exception {
        Files.setLastModifiedTime(file, FileTime.from(Files.getLastModifiedTime(file).toInstant().plusSeconds(secondsLater)));
    }

    @Test
    void repeatedLookupsReturnTheCachedInstance() {
        ConfigFixture fixture = new ConfigFixture(root).host("");
        fixture.webConfig("www/a", "<system.webServer><directoryBrowse enabled=\"true\" /></system.webServer>");
        ServerConfig config = fixture.load(new ManualClock());
        SiteConfig site = config.sites().getFirst();
        assertThat(config.webConfig(site, "/a/x.html")).isSameAs(config.webConfig(site, "/a/x.html"));
    }

    @Test
    void anEditedWebConfigIsSeenAfterTheRecheckInterval() throws Exception {
        ManualClock clock = new ManualClock();
        ConfigFixture fixture = new ConfigFixture(root).host("");
        Path file = fixture.webConfig("www/a", "<system.webServer><directoryBrowse enabled=\"true\" /></system.webServer>");
        ServerConfig config = fixture.load(clock);
        assertThat(browse(config, "/a/b/c.txt")).isTrue();

        fixture.webConfig("www/a", "<system.webServer><directoryBrowse enabled=\"false\" /></system.webServer>");
        touch(file, 5);
        assertThat(browse(config, "/a/b/c.txt")).as("within the second, the cached level answers").isTrue();
        clock.advance(Duration.ofMillis(1000));
        assertThat(browse(config, "/a/b/c.txt")).isFalse();
    }

    @Test
    void aNewWebConfigAndADeletedOneAreSeen() throws Exception {
        ManualClock clock = new ManualClock();
        ConfigFixture fixture = new ConfigFixture(root).host("");
        Files.createDirectories(root.resolve("www/a"));
        ServerConfig config = fixture.load(clock);
        assertThat(browse(config, "/a/")).isFalse();

        Path file = fixture.webConfig("www", "<system.webServer><directoryBrowse enabled=\"true\" /></system.webServer>");
        clock.advance(Duration.ofSeconds(2));
        assertThat(browse(config, "/a/")).isTrue();

        Files.delete(file);
        clock.advance(Duration.ofSeconds(2));
        assertThat(browse(config, "/a/")).isFalse();
    }

    @Test
    void aBrokenWebConfigFailsUntilItIsFixed() throws Exception {
        ManualClock clock = new ManualClock();
        ConfigFixture fixture = new ConfigFixture(root).host("");
        Path file = fixture.webConfig("www", "<system.webServer><directoryBrowse enabled=\"maybe\" /></system.webServer>");
        ServerConfig config = fixture.load(clock);
        assertThatThrownBy(() -> browse(config, "/x"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":2: <directoryBrowse> attribute \"enabled\": \"maybe\" is not a boolean (allowed: true, false)");
        assertThatThrownBy(() -> browse(config, "/y/z")).isInstanceOf(ConfigException.class);

        fixture.webConfig("www", "<system.webServer><directoryBrowse enabled=\"true\" /></system.webServer>");
        touch(file, 5);
        clock.advance(Duration.ofSeconds(1));
        assertThat(browse(config, "/x")).isTrue();
        assertThat(browse(config, "/y/z")).isTrue();
    }

    @Test
    void concurrentLookupsWhileTheFileChangesSeeOneVersionOrTheOther() throws Exception {
        ConfigFixture fixture = new ConfigFixture(root).host("");
        Path file = fixture.webConfig("www", "<system.webServer><directoryBrowse enabled=\"true\" /></system.webServer>");
        ServerConfig config = fixture.load(Clock.systemUTC());
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicInteger seenFalse = new java.util.concurrent.atomic.AtomicInteger();
        Thread[] readers = new Thread[2];
        for (int t = 0; t < readers.length; t++) {
            int id = t;
            readers[t] = Thread.ofVirtual().start(() -> {
                try {
                    long end = System.nanoTime() + Duration.ofMillis(1600).toNanos();
                    while (System.nanoTime() < end) {
                        if (!browse(config, "/d" + id + "/f.txt")) {
                            seenFalse.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
        }
        Thread.sleep(200);
        fixture.webConfig("www", "<system.webServer><directoryBrowse enabled=\"false\" /></system.webServer>");
        touch(file, 5);
        for (Thread reader : readers) {
            reader.join();
        }
        assertThat(failure.get()).isNull();
        assertThat(seenFalse.get()).as("every reader sees the edit within the recheck second").isPositive();
        assertThat(browse(config, "/d0/f.txt")).isFalse();
    }
}
