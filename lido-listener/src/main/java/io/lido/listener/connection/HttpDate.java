package io.lido.listener.connection;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The IMF-fixdate for the Date header (RFC 9110 §5.6.7), formatted at most once per second. */
final class HttpDate {
    private static volatile Cached cached = new Cached(-1, new byte[0]);

    private record Cached(long second, byte[] bytes) {
    }

    private HttpDate() {
    }

    /** The whole {@code Date: <IMF-fixdate>CRLF} field line: one bulk write per response. */
    static byte[] fieldLine() {
        long second = System.currentTimeMillis() / 1000;
        Cached c = cached;
        if (c.second() != second) {
            String text = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochSecond(second).atOffset(ZoneOffset.UTC));
            c = new Cached(second, ("Date: " + text + "\r\n").getBytes(StandardCharsets.US_ASCII));
            cached = c;
        }
        return c.bytes();
    }
}
