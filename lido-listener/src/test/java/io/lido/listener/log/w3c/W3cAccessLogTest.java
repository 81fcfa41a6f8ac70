package io.lido.listener.log.w3c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lido.config.SiteConfig;
import io.lido.listener.log.AccessRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class W3cAccessLogTest {
    private static final Instant T0 = Instant.parse("2026-11-21T13:45:07.250Z");
    private static final String FIELDS = "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port "
            + "cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken";

    @TempDir
    Path logs;

    private SiteConfig site(long id, String period, boolean enabled) {
        return new SiteConfig("Site " + id, id, true, List.of(), List.of(), null,
                new SiteConfig.LogFile(logs, period, "W3C", enabled), null);
    }

    private static AccessRecord request(Instant time, String stem, String query, String userAgent) {
        return new AccessRecord(time, "127.0.0.1", "GET", stem, query, 8080, null, "10.0.0.7", userAgent,
                null, 200, 0, 0, 1234, 321, 15, "localhost", "HTTP/1.1");
    }

    private List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    @Test
    void writesIisHeaderAndDefaultFieldsInThePerSiteFolder() throws IOException {
        MutableClock clock = new MutableClock(T0);
        try (W3cAccessLog log = new W3cAccessLog(List.of(site(3, "Daily", true)), clock)) {
            log.record(3, request(T0, "/hello", "a=1&b=2", "curl/8.5.0"));
            log.record(3, new AccessRecord(T0, "::1", "POST", "/form", null, 80, "alice", "::1", null,
                    "http://example.com/", 404, 3, 64, 0, 0, 0, null, "HTTP/1.0"));
        }
        assertThat(lines(logs.resolve("W3SVC3/u_ex261121.log"))).containsExactly(
                "#Software: " + W3cFormat.SOFTWARE,
                "#Version: 1.0",
                "#Date: 2026-11-21 13:45:07",
                FIELDS,
                "2026-11-21 13:45:07 127.0.0.1 GET /hello a=1&b=2 8080 - 10.0.0.7 curl/8.5.0 - 200 0 0 15",
                "2026-11-21 13:45:07 ::1 POST /form - 80 alice ::1 - http://example.com/ 404 3 64 0");
    }

    @Test
    void hostileValuesStayOnOneLineWithFifteenFields() throws IOException {
        MutableClock clock = new MutableClock(T0);
        try (W3cAccessLog log = new W3cAccessLog(List.of(site(1, "Daily", true)), clock)) {
            log.record(1, request(T0, "/a b\r\n2026-11-21 00:00:00 forged", "x=\"1\"\ty", "Evil Agent\n#Fields: x"));
        }
        List<String> lines = lines(logs.resolve("W3SVC1/u_ex261121.log"));
        assertThat(lines).hasSize(5);
        String entry = lines.get(4);
        assertThat(entry.split(" ")).hasSize(15);
        assertThat(entry).isEqualTo("2026-11-21 13:45:07 127.0.0.1 GET /a+b%0D%0A2026-11-21+00:00:00+forged "
                + "x=%221%22%09y 8080 - 10.0.0.7 Evil+Agent%0A#Fields:+x - 200 0 0 15");
    }

    @Test
    void aNewDayStartsANewFileWithItsOwnHeader() throws IOException {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-21T23:59:59Z"));
        try (W3cAccessLog log = new W3cAccessLog(List.of(site(2, "Daily", true)), clock)) {
            log.record(2, request(clock.instant(), "/before", null, null));
            clock.advance(Duration.ofSeconds(2));
            log.record(2, request(clock.instant(), "/after", null, null));
            // Reached the writer after midnight but completed before it: stays in the new file.
            log.record(2, request(Instant.parse("2026-11-21T23:59:59.999Z"), "/late", null, null));
        }
        List<String> day1 = lines(logs.resolve("W3SVC2/u_ex261121.log"));
        List<String> day2 = lines(logs.resolve("W3SVC2/u_ex261122.log"));
        assertThat(day1).hasSize(5);
        assertThat(day1.get(4)).contains(" /before ");
        assertThat(day2.get(2)).isEqualTo("#Date: 2026-11-22 00:00:01");
        assertThat(day2.subList(4, 6)).satisfiesExactly(
                l -> assertThat(l).startsWith("2026-11-22 00:00:01").contains(" /after "),
                l -> assertThat(l).startsWith("2026-11-21 23:59:59").contains(" /late "));
    }

    @Test
    void hourlyFilesAndSeparateFoldersPerSite() throws IOException {
        MutableClock clock = new MutableClock(T0);
        try (W3cAccessLog log = new W3cAccessLog(List.of(site(1, "Hourly", true), site(2, "Monthly", true)),
                clock)) {
            log.record(1, request(T0, "/one", null, null));
            log.record(2, request(T0, "/two", null, null));
        }
        assertThat(lines(logs.resolve("W3SVC1/u_ex26112113.log")).get(4)).contains(" /one ");
        assertThat(lines(logs.resolve("W3SVC2/u_ex2611.log")).get(4)).contains(" /two ");
    }

    @Test
    void maxSizeFilesAreNumberedAndARestartContinuesTheNewest() throws IOException {
        MutableClock clock = new MutableClock(T0);
        for (String stem : List.of("/first", "/second")) {
            try (W3cAccessLog log = new W3cAccessLog(List.of(site(6, "MaxSize", true)), clock)) {
                log.record(6, request(T0, stem, null, null));
            }
        }
        List<String> lines = lines(logs.resolve("W3SVC6/u_extend1.log"));
        assertThat(lines).hasSize(10);
        assertThat(lines.get(9)).contains(" /second ");
        assertThat(logs.resolve("W3SVC6/u_extend2.log")).doesNotExist();
    }

    @Test
    void aReopenedFileGetsTheHeaderAgainAndKeepsOldLines() throws IOException {
        MutableClock clock = new MutableClock(T0);
        for (String stem : List.of("/first", "/second")) {
            try (W3cAccessLog log = new W3cAccessLog(List.of(site(1, "Daily", true)), clock)) {
                log.record(1, request(T0, stem, null, null));
            }
        }
        List<String> lines = lines(logs.resolve("W3SVC1/u_ex261121.log"));
        assertThat(lines).hasSize(10);
        assertThat(lines.get(4)).contains(" /first ");
        assertThat(lines.get(5)).startsWith("#Software: ");
        assertThat(lines.get(9)).contains(" /second ");
    }

    @Test
    void disabledAndUnknownSitesWriteNothing() {
        MutableClock clock = new MutableClock(T0);
        try (W3cAccessLog log = new W3cAccessLog(List.of(site(1, "Daily", false)), clock)) {
            log.record(1, request(T0, "/quiet", null, null));
            log.record(99, request(T0, "/nobody", null, null));
        }
        assertThat(logs.resolve("W3SVC1")).doesNotExist();
        assertThat(logs.resolve("W3SVC99")).doesNotExist();
    }

    @Test
    void nothingIsLostOnClose() throws IOException {
        MutableClock clock = new MutableClock(T0);
        try (W3cAccessLog log = new W3cAccessLog(List.of(site(1, "Daily", true)), clock)) {
            for (int i = 0; i < 20_000; i++) {
                log.record(1, request(T0, "/n/" + i, null, null));
            }
        }
        List<String> lines = lines(logs.resolve("W3SVC1/u_ex261121.log"));
        assertThat(lines).hasSize(20_004);
        assertThat(lines.getLast()).contains(" /n/19999 ");
    }

    @Test
    void linesReachTheDiskWithinAboutASecondWithoutClose() throws Exception {
        MutableClock clock = new MutableClock(T0);
        Path file = logs.resolve("W3SVC1/u_ex261121.log");
        try (W3cAccessLog log = new W3cAccessLog(List.of(site(1, "Daily", true)), clock)) {
            log.record(1, request(T0, "/soon", null, null));
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
            while (!(Files.exists(file) && Files.readString(file).contains("/soon"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(Files.readString(file)).contains(" /soon ");
        }
    }

    @Test
    void aStalledDiskDropsEntriesWithoutBlockingAndRemarksTheCount() throws Exception {
        // The writer asks the clock for the #Date of a new file: holding the clock stalls the writer.
        MutableClock stalling = new MutableClock(T0);
        stalling.stall();
        W3cAccessLog log = new W3cAccessLog(List.of(site(1, "Daily", true)), stalling, 4);
        log.record(1, request(T0, "/0", null, null));
        assertThat(stalling.awaitStalledReader()).isTrue();
        long start = System.nanoTime();
        for (int i = 1; i <= 10; i++) {
            log.record(1, request(T0, "/" + i, null, null));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        stalling.release();
        log.close();

        assertThat(log.dropped()).isEqualTo(6);
        List<String> lines = lines(logs.resolve("W3SVC1/u_ex261121.log"));
        assertThat(lines.subList(4, lines.size())).satisfiesExactly(
                l -> assertThat(l).contains(" /0 "),
                // The drops are known when the stalled batch finishes, before the queued entries are written.
                l -> assertThat(l).isEqualTo("#Remark: 6 entries were not logged because the log queue was full"),
                l -> assertThat(l).contains(" /1 "),
                l -> assertThat(l).contains(" /2 "),
                l -> assertThat(l).contains(" /3 "),
                l -> assertThat(l).contains(" /4 "));
    }

    @Test
    void anUnwritableFolderLosesOnlyTheEntriesWrittenWhileItIsBroken() throws Exception {
        Path blocked = logs.resolve("W3SVC8");
        Files.writeString(blocked, "a file where the site's folder should be");
        MutableClock clock = new MutableClock(T0);
        W3cAccessLog log = new W3cAccessLog(List.of(site(8, "Daily", true)), clock);
        log.record(8, request(T0, "/lost", null, null));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (log.dropped() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(log.dropped()).isEqualTo(1);

        Files.delete(blocked);
        log.record(8, request(T0, "/kept", null, null));
        log.close();
        assertThat(lines(logs.resolve("W3SVC8/u_ex261121.log"))).last().asString().contains(" /kept ");
        assertThat(log.dropped()).isEqualTo(1);
    }

    @Test
    void anInvalidPeriodNamesTheSite() {
        assertThatThrownBy(() -> new W3cAccessLog(List.of(site(4, "Fortnightly", true)), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("site \"Site 4\" (id 4): logFile period \"Fortnightly\" is not one of Daily, "
                        + "Hourly, Weekly, Monthly, MaxSize");
    }
}
