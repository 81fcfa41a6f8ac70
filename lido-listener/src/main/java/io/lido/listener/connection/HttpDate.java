package io.lido.listener.connection;

import io.lido.ipc.HttpDates;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The Date header's field line, IMF-fixdate (RFC 9110 §5.6.7) from the server's one formatter
 * ({@link HttpDates}), formatted at most once per second and written whole by every response.
 */
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
            c = new Cached(second, fieldLine(second));
            cached = c;
        }
        return c.bytes();
    }

    /** The field line for a second of the epoch. */
    static byte[] fieldLine(long epochSecond) {
        return ("Date: " + HttpDates.format(Instant.ofEpochSecond(epochSecond)) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
