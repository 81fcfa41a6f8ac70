package io.lido.listener.log.httperr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lido.listener.log.ListenerError;
import io.lido.listener.log.w3c.MutableClock;
import io.lido.listener.log.w3c.W3cFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpErrorLogTest {
    private static final Instant T0 = Instant.parse("2026-11-21T13:45:07Z");

    @TempDir
    Path logs;

    private static ListenerError badRequest(String url, String reason) {
        return new ListenerError(T0, "10.0.0.7", 51234, "127.0.0.1", 8080, "HTTP/1.1", "GET", url, 400, 1,
                reason, "DefaultAppPool");
    }

    private List<String> lines(String name) throws IOException {
        return Files.readAllLines(logs.resolve("HTTPERR").resolve(name), StandardCharsets.UTF_8);
    }

    @Test
    void writesHttpSysHeaderAndFields() throws IOException {
        try (HttpErrorLog log = new HttpErrorLog(logs, new MutableClock(T0))) {
            log.record(badRequest("/x", "BadRequest"));
            log.record(new ListenerError(T0, "::1", 40000, "::1", 80, "-", "-", "-", 400, 0,
                    "Hostname", "-"));
            log.record(new ListenerError(T0, "10.0.0.8", 40001, "127.0.0.1", 8080, "HTTP/1.1", "GET", "/slow",
                    0, 2, "Timer_ConnectionIdle", "-"));
        }
        assertThat(lines("httperr1.log")).containsExactly(
                "#Software: " + W3cFormat.SOFTWARE,
                "#Version: 1.0",
                "#Date: 2026-11-21 13:45:07",
                "#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid "
                        + "s-reason s-queuename",
                "2026-11-21 13:45:07 10.0.0.7 51234 127.0.0.1 8080 HTTP/1.1 GET /x 400 1 BadRequest DefaultAppPool",
                "2026-11-21 13:45:07 ::1 40000 ::1 80 - - - 400 - Hostname -",
                "2026-11-21 13:45:07 10.0.0.8 40001 127.0.0.1 8080 HTTP/1.1 GET /slow - 2 Timer_ConnectionIdle -");
    }

    @Test
    void hostileValuesCannotForgeLinesAndTheReasonIsOneToken() throws IOException {
        try (HttpErrorLog log = new HttpErrorLog(logs, new MutableClock(T0))) {
            log.record(badRequest("/a b\r\n2026-11-21 00:00:00 1.2.3.4 1 \"x\"", "Header invalid\ncharacter"));
        }
        List<String> lines = lines("httperr1.log");
        assertThat(lines).hasSize(5);
        assertThat(lines.get(4).split(" ")).hasSize(13);
        assertThat(lines.get(4)).isEqualTo("2026-11-21 13:45:07 10.0.0.7 51234 127.0.0.1 8080 HTTP/1.1 GET "
                + "/a+b%0D%0A2026-11-21+00:00:00+1.2.3.4+1+%22x%22 400 1 Header DefaultAppPool");
    }

    @Test
    void rotatesToTheNextNumberPastTheSizeLimit() throws IOException {
        try (HttpErrorLog log = new HttpErrorLog(logs, 2048, new MutableClock(T0))) {
            for (int i = 0; i < 40; i++) {
                log.record(badRequest("/entry/" + i, "BadRequest"));
            }
        }
        List<String> first = lines("httperr1.log");
        List<String> second = lines("httperr2.log");
        assertThat(Files.size(logs.resolve("HTTPERR/httperr1.log"))).isBetween(2048L, 2048L + 200);
        assertThat(second.getFirst()).startsWith("#Software: ");
        List<String> entries = new java.util.ArrayList<>();
        for (List<String> file : List.of(first, second, linesOrEmpty("httperr3.log"))) {
            file.stream().filter(l -> !l.startsWith("#")).forEach(entries::add);
        }
        assertThat(entries).hasSize(40);
        assertThat(entries.getLast()).contains(" /entry/39 ");
    }

    @Test
    void aRestartContinuesTheNewestFileWhileItHasRoom() throws IOException {
        for (String url : List.of("/before-restart", "/after-restart")) {
            try (HttpErrorLog log = new HttpErrorLog(logs, new MutableClock(T0))) {
                log.record(badRequest(url, "BadRequest"));
            }
        }
        List<String> lines = lines("httperr1.log");
        assertThat(lines).hasSize(10);
        assertThat(lines.get(4)).contains("/before-restart");
        assertThat(lines.get(9)).contains("/after-restart");
        assertThat(logs.resolve("HTTPERR/httperr2.log")).doesNotExist();
    }

    @Test
    void aTinySizeLimitIsRejected() {
        assertThatThrownBy(() -> new HttpErrorLog(logs, 10, new MutableClock(T0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("httperr log file size limit must be at least 1024 bytes, was 10");
    }

    private List<String> linesOrEmpty(String name) throws IOException {
        Path file = logs.resolve("HTTPERR").resolve(name);
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }
}
