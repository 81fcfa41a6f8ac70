package io.lido.listener.log.w3c;

import java.util.Arrays;

/**
 * One log line being built as the bytes {@link LogFile} writes, reused line after line by the log writer
 * thread so that a line costs no String, no StringBuilder and no encoding step. {@link #value} applies
 * {@link W3cFormat#value}'s escaping and encodes the result as UTF-8, so the bytes are exactly those of
 * {@code W3cFormat.value(raw)} written by {@link LogFile#writeLine(String)} (a lone surrogate becomes
 * {@code ?}, as String's UTF-8 encoder writes it). Not thread-safe.
 */
final class LineBuffer {
    /** The most bytes one char can become: a percent-encoded three-byte UTF-8 sequence. */
    private static final int MAX_BYTES_PER_CHAR = 9;
    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};
    private static final byte[] LONE_DASH = {'%', '2', 'D'};
    private static final int LONGEST_NUMBER = 20;

    private byte[] bytes = new byte[256];
    private int length;

    /** Empties the line, keeping the storage. */
    LineBuffer clear() {
        length = 0;
        return this;
    }

    /** The storage: the line is its first {@link #length()} bytes. */
    byte[] array() {
        return bytes;
    }

    int length() {
        return length;
    }

    /** Appends one ASCII character, e.g. the space between fields. */
    LineBuffer ascii(char c) {
        ensure(1);
        bytes[length++] = (byte) c;
        return this;
    }

    /** Appends bytes that need no escaping (the cached date and time). */
    LineBuffer ascii(byte[] text) {
        ensure(text.length);
        System.arraycopy(text, 0, bytes, length, text.length);
        length += text.length;
        return this;
    }

    /** Appends a number in decimal, as {@link Long#toString(long)} writes it. */
    LineBuffer number(long n) {
        ensure(LONGEST_NUMBER);
        // Counted in negative numbers, where Long.MIN_VALUE still fits.
        long negative = n;
        if (n < 0) {
            bytes[length++] = '-';
        } else {
            negative = -n;
        }
        int end = length + digits(negative);
        int at = end;
        do {
            bytes[--at] = (byte) ('0' - negative % 10);
            negative /= 10;
        } while (negative != 0);
        length = end;
        return this;
    }

    private static int digits(long negative) {
        long bound = -10;
        for (int digits = 1; digits < 19; digits++) {
            if (negative > bound) {
                return digits;
            }
            bound *= 10;
        }
        return 19;
    }

    /**
     * Appends a field value escaped as {@link W3cFormat#value} escapes it, as UTF-8. The loop keeps
     * printable ASCII and spaces (nearly every value) in a few instructions; the rest goes to
     * {@link #escape}, compiled on its own.
     */
    LineBuffer value(String raw) {
        if (raw == null || raw.isEmpty()) {
            return ascii('-');
        }
        if (raw.length() == 1 && raw.charAt(0) == '-') {
            // A literal "-" would read as "no value".
            return ascii(LONE_DASH);
        }
        int n = raw.length();
        // Invariant: room for one byte per char still to come; escape() widens it before writing more.
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = raw.charAt(i);
            if (c > ' ' && c < 0x7F && c != '"') {
                bytes[length++] = (byte) c;
            } else if (c == ' ') {
                // IIS writes user agents that way.
                bytes[length++] = '+';
            } else {
                i = escape(raw, i);
            }
        }
        return this;
    }

    /** Writes the char at {@code i} (and its low surrogate) and returns the index of the last char used. */
    private int escape(String raw, int i) {
        ensure(raw.length() - i + MAX_BYTES_PER_CHAR);
        char c = raw.charAt(i);
        if (W3cFormat.percentEncoded(c)) {
            percent(c);
        } else if (W3cFormat.percentEncodedAsUtf8(c)) {
            utf8(c, true);
        } else if (Character.isHighSurrogate(c) && i + 1 < raw.length()
                && Character.isLowSurrogate(raw.charAt(i + 1))) {
            utf8(Character.toCodePoint(c, raw.charAt(i + 1)), false);
            return i + 1;
        } else if (Character.isSurrogate(c)) {
            bytes[length++] = '?';
        } else {
            utf8(c, false);
        }
        return i;
    }

    // Every char below 0x80 is printable, a space or percent-encoded, so codePoint is at least 0x80 here.
    private void utf8(int codePoint, boolean percentEncoded) {
        if (codePoint < 0x800) {
            put(0xC0 | codePoint >> 6, percentEncoded);
        } else if (codePoint < 0x10000) {
            put(0xE0 | codePoint >> 12, percentEncoded);
            put(0x80 | (codePoint >> 6 & 0x3F), percentEncoded);
        } else {
            put(0xF0 | codePoint >> 18, percentEncoded);
            put(0x80 | (codePoint >> 12 & 0x3F), percentEncoded);
            put(0x80 | (codePoint >> 6 & 0x3F), percentEncoded);
        }
        put(0x80 | (codePoint & 0x3F), percentEncoded);
    }

    private void put(int b, boolean percentEncoded) {
        if (percentEncoded) {
            percent(b);
        } else {
            bytes[length++] = (byte) b;
        }
    }

    private void percent(int b) {
        bytes[length++] = '%';
        bytes[length++] = HEX[b >> 4 & 0xF];
        bytes[length++] = HEX[b & 0xF];
    }

    private void ensure(int more) {
        if (bytes.length - length < more) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
