package io.lido.listener.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Shares the String of common field names (matched case-sensitively, as clients spell them), so a
 * typical request head allocates only its values.
 */
final class FieldNames {
    private static final String[] COMMON = {"Host", "User-Agent", "Accept", "Accept-Encoding", "Accept-Language",
        "Connection", "Content-Length", "Content-Type", "Cookie", "Referer", "Cache-Control", "Upgrade-Insecure-Requests",
        "Transfer-Encoding", "Expect", "Origin", "If-None-Match", "If-Modified-Since", "Authorization", "Range",
        "Pragma", "Sec-Fetch-Site", "Sec-Fetch-Mode", "Sec-Fetch-Dest", "X-Forwarded-For"};
    private static final byte[][] BYTES = new byte[COMMON.length][];

    static {
        for (int i = 0; i < COMMON.length; i++) {
            BYTES[i] = COMMON[i].getBytes(StandardCharsets.US_ASCII);
        }
    }

    private FieldNames() {
    }

    static String of(byte[] b, int from, int to) {
        int length = to - from;
        for (int i = 0; i < BYTES.length; i++) {
            byte[] candidate = BYTES[i];
            if (candidate.length == length && Arrays.equals(candidate, 0, length, b, from, to)) {
                return COMMON[i];
            }
        }
        return new String(b, from, length, StandardCharsets.US_ASCII);
    }
}
