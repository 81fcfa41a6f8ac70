package io.lido.listener.log.w3c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lido.listener.log.AccessRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class W3cLineTest {
    private static final Instant T0 = Instant.parse("2026-11-21T13:45:07.250Z");

    private static AccessRecord record(Instant time, String stem, String userAgent, long timeTaken) {
        return new AccessRecord(time, "127.0.0.1", "GET", stem, null, 8080, null, "10.0.0.7", userAgent,
                "-", 200, 0, 0, 1234, 321, timeTaken, "localhost", "HTTP/1.1");
    }

    private static String text(LineBuffer line) {
        return new String(line.array(), 0, line.length(), StandardCharsets.UTF_8);
    }

    @Test
    void allFifteenFieldsInIisOrder() {
        AccessRecord r = new AccessRecord(T0, "::1", "POST", "/caf\u00e9 menu", "q=\"x\"", 443, "alice",
                "10.0.0.7", "Agent/1.0 (Test)", "http://example.com/", 404, 3, 64, 0, 0, 1_234_567, null,
                "HTTP/1.0");
        assertThat(text(new W3cLine().format(r))).isEqualTo("2026-11-21 13:45:07 ::1 POST /caf\u00e9+menu "
                + "q=%22x%22 443 alice 10.0.0.7 Agent/1.0+(Test) http://example.com/ 404 3 64 1234567");
    }

    @Test
    void logExtFileFlagsInAnyOrderAndCaseGiveTheirFieldsInIisOrder() {
        W3cFields fields = W3cFields.of("TimeTaken, bytesrecv,BytesSent,Win32Status,HttpStatus,UriStem,Method,"
                + "ClientIP,Time,Date", 3);
        assertThat(fields.names()).isEqualTo("date time cs-method cs-uri-stem c-ip sc-status sc-win32-status "
                + "sc-bytes cs-bytes time-taken");
        assertThat(W3cFields.of("Host,ProtocolVersion,SiteName,ServerPort", 3).names())
                .isEqualTo("s-sitename s-port cs-version cs-host");
        assertThat(W3cLine.FIELDS).isEqualTo("date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username "
                + "c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken");
        assertThatThrownBy(() -> W3cFields.of("Date,Cookie", 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("logExtFileFlags \"Cookie\" is not supported");
    }

    @Test
    void aLineHasTheFieldsOfItsFlagsWithBytesSentAndReceived() {
        W3cFields fields = W3cFields.of("Date,Time,ClientIP,Method,UriStem,HttpStatus,Win32Status,BytesSent,"
                + "BytesRecv,TimeTaken", 3);
        assertThat(W3cFormat.header(T0, fields.names()).get(3)).isEqualTo("#Fields: date time cs-method "
                + "cs-uri-stem c-ip sc-status sc-win32-status sc-bytes cs-bytes time-taken");
        assertThat(text(new W3cLine().format(record(T0, "/a b", null, 17), fields)))
                .isEqualTo("2026-11-21 13:45:07 GET /a+b 10.0.0.7 200 0 1234 321 17");
        W3cFields others = W3cFields.of("Time,SiteName,ProtocolVersion,Host,ServerPort", 3);
        assertThat(text(new W3cLine().format(record(T0, "/", null, 1), others)))
                .isEqualTo("13:45:07 W3SVC3 8080 HTTP/1.1 localhost");
    }

    @Test
    void theDateAndTimeFollowEachRecordAcrossSeconds() {
        W3cLine format = new W3cLine();
        assertThat(text(format.format(record(T0, "/a", null, 1)))).startsWith("2026-11-21 13:45:07 ");
        assertThat(text(format.format(record(T0.plusMillis(700), "/b", null, 2))))
                .isEqualTo("2026-11-21 13:45:07 127.0.0.1 GET /b - 8080 - 10.0.0.7 - %2D 200 0 0 2");
        assertThat(text(format.format(record(T0.plusMillis(750), "/c", null, 3))))
                .startsWith("2026-11-21 13:45:08 ").endsWith(" /c - 8080 - 10.0.0.7 - %2D 200 0 0 3");
        // An older record that reaches the writer late still gets its own time.
        assertThat(text(format.format(record(T0.minusSeconds(86_400), "/d", null, 4))))
                .startsWith("2026-11-20 13:45:07 ");
    }

    @Test
    void aLongLineDoesNotKeepBytesOfTheLongerLineBeforeIt() {
        W3cLine format = new W3cLine();
        format.format(record(T0, "/" + "x".repeat(10_000), "ua ".repeat(2_000), 5));
        assertThat(text(format.format(record(T0, "/short", null, 6))))
                .isEqualTo("2026-11-21 13:45:07 127.0.0.1 GET /short - 8080 - 10.0.0.7 - %2D 200 0 0 6");
    }
}
