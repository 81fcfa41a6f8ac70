package io.lido.listener.codec;

import java.nio.charset.StandardCharsets;

/** Shares the String of the common methods instead of allocating one per request. */
final class Methods {
    private static final String[] COMMON = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE"};
    private static final byte[][] COMMON_BYTES = new byte[COMMON.length][];

    static {
        for (int i = 0; i < COMMON.length; i++) {
            COMMON_BYTES[i] = COMMON[i].getBytes(StandardCharsets.US_ASCII);
        }
    }

    private Methods() {
    }

    static String of(byte[] b, int length) {
        for (int i = 0; i < COMMON.length; i++) {
            if (java.util.Arrays.equals(COMMON_BYTES[i], 0, COMMON_BYTES[i].length, b, 0, length)) {
                return COMMON[i];
            }
        }
        return new String(b, 0, length, StandardCharsets.US_ASCII);
    }
}
