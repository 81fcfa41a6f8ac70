package io.lido.modules.staticfile;

import java.time.Instant;

/**
 * Entity tags (RFC 9110 §8.8.3) for files: a strong tag from the size and the modification time, and
 * matching against If-Match / If-None-Match / If-Range lists.
 */
final class EntityTags {

    private EntityTags() {
    }

    /** A strong tag that changes whenever the file's size or modification time does. */
    static String forFile(long size, Instant modified) {
        return "\"" + Long.toHexString(modified.toEpochMilli()) + "-" + Long.toHexString(size) + "\"";
    }

    /**
     * Whether a field value ("*" or a comma list of tags) matches {@code tag}. Weak comparison
     * (If-None-Match, §13.1.2) ignores the W/ prefix; strong comparison (If-Match, If-Range) requires
     * both tags to be strong.
     */
    static boolean matches(String fieldValue, String tag, boolean weak) {
        String value = fieldValue.strip();
        if (value.equals("*")) {
            return true;
        }
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == ',' || c == ' ' || c == '\t') {
                i++;
                continue;
            }
            boolean isWeak = value.startsWith("W/", i);
            int open = isWeak ? i + 2 : i;
            if (open >= value.length() || value.charAt(open) != '"') {
                return false; // not a list of entity tags: nothing matches
            }
            int close = value.indexOf('"', open + 1);
            if (close < 0) {
                return false;
            }
            String opaque = value.substring(open, close + 1);
            if (opaque.equals(tag) && (weak || !isWeak)) {
                return true;
            }
            i = close + 1;
        }
        return false;
    }
}
