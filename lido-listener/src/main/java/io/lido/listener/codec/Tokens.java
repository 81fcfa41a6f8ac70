package io.lido.listener.codec;

/** Byte classes of RFC 9110 §5.6 (token, field-vchar, obs-text) as lookup tables. */
final class Tokens {
    private static final boolean[] TCHAR = new boolean[256];
    private static final boolean[] FIELD_CONTENT = new boolean[256];
    private static final boolean[] HEX_VALUE_SET = new boolean[256];
    private static final int[] HEX = new int[256];

    static {
        for (int c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (int c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[c - 32] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
        // field-value bytes: VCHAR, obs-text, SP and HTAB; every other CTL (NUL, CR, LF, DEL...) is refused.
        for (int c = 0x21; c <= 0x7e; c++) {
            FIELD_CONTENT[c] = true;
        }
        for (int c = 0x80; c <= 0xff; c++) {
            FIELD_CONTENT[c] = true;
        }
        FIELD_CONTENT[' '] = true;
        FIELD_CONTENT['\t'] = true;
        for (int c = 0; c < 256; c++) {
            HEX[c] = Character.digit((char) c, 16);
            HEX_VALUE_SET[c] = HEX[c] >= 0 && c < 128;
        }
    }

    private Tokens() {
    }

    static boolean isTchar(byte b) {
        return TCHAR[b & 0xff];
    }

    static boolean isFieldContent(byte b) {
        return FIELD_CONTENT[b & 0xff];
    }

    static boolean isHexDigit(byte b) {
        return HEX_VALUE_SET[b & 0xff];
    }

    static int hexValue(byte b) {
        return HEX[b & 0xff];
    }

    static boolean isOws(byte b) {
        return b == ' ' || b == '\t';
    }
}
