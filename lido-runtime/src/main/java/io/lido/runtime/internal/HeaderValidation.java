package io.lido.runtime.internal;

/**
 * Checks response header names and values before they reach the wire: a CR or LF in a value would
 * let application input split the response (CWE-113), so it is refused rather than sent.
 */
final class HeaderValidation {
    private static final boolean[] TCHAR = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[c - 32] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
    }

    private HeaderValidation() {
    }

    /** The field names of a header list in first-seen order, each once (names compare case-insensitively). */
    static java.util.List<String> distinctNames(io.lido.ipc.HeaderList headers) {
        java.util.List<String> names = new java.util.ArrayList<>(headers.size());
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            if (names.stream().noneMatch(name::equalsIgnoreCase)) {
                names.add(name);
            }
        }
        return java.util.List.copyOf(names);
    }

    /** RFC 9110 §5.6.2 token. */
    static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 128 || !TCHAR[c]) {
                return false;
            }
        }
        return true;
    }

    /** @throws IllegalArgumentException when the name is no token or the value holds CR, LF or NUL */
    static void check(String name, String value) {
        if (!isToken(name)) {
            throw new IllegalArgumentException("\"" + name + "\" is not a valid header name (RFC 9110 token)");
        }
        if (value == null) {
            throw new IllegalArgumentException("header " + name + ": null value");
        }
        // String.indexOf is vectorised; the character loop only runs to report a bad value
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf(0) >= 0) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\r' || c == '\n' || c == 0) {
                    throw new IllegalArgumentException("header " + name
                            + ": the value contains CR, LF or NUL (position " + i + "), which would split the response");
                }
            }
        }
    }
}
