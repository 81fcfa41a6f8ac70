package io.lido.runtime.session;

import java.security.SecureRandom;

/**
 * Session ids as ASP.NET's {@code SessionIDManager} makes them: 15 random bytes (120 bits) from
 * {@link SecureRandom}, written as 24 characters of the alphabet {@code a-z0-5}, safe in a cookie and a URL.
 * Only ids of exactly that shape are accepted from a request, so a client cannot choose an id the
 * server would not have issued.
 */
public final class SessionIds {
    /** The length of every session id. */
    public static final int LENGTH = 24;
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz012345".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionIds() {
    }

    /** A new random id. */
    public static String create() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        char[] out = new char[LENGTH];
        // 15 bytes = 120 bits = 24 groups of 5 bits.
        int bits = 0;
        int buffer = 0;
        int o = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out[o++] = ALPHABET[(buffer >> bits) & 0x1f];
            }
        }
        return new String(out);
    }

    /** Whether {@code id} has the shape of an id this class creates (null is not valid). */
    public static boolean isValid(String id) {
        if (id == null || id.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '5')) {
                return false;
            }
        }
        return true;
    }
}
