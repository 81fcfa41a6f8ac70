package io.lido.activation;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a pool's {@code jvmOptions} into arguments the way a POSIX shell would: whitespace separates,
 * single quotes keep everything literally, double quotes keep spaces and allow \" and \\, a backslash
 * outside quotes escapes the next character. No variable or glob expansion (nothing runs a shell).
 */
final class JvmOptions {
    private JvmOptions() {
    }

    /** @throws IllegalArgumentException for an unterminated quote or a trailing backslash */
    static List<String> split(String options) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < options.length(); i++) {
            char c = options.charAt(i);
            if (c == '\'') {
                int end = options.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated ' in jvmOptions: " + options);
                }
                current.append(options, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                i = doubleQuoted(options, i + 1, current);
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= options.length()) {
                    throw new IllegalArgumentException("trailing \\ in jvmOptions: " + options);
                }
                current.append(options.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(current.toString());
                    current.setLength(0);
                    inWord = false;
                }
            } else {
                current.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            out.add(current.toString());
        }
        return out;
    }

    /** Appends a double-quoted part starting after the quote; returns the index of the closing quote. */
    private static int doubleQuoted(String options, int start, StringBuilder current) {
        for (int i = start; i < options.length(); i++) {
            char c = options.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c == '\\' && i + 1 < options.length() && "\"\\$`".indexOf(options.charAt(i + 1)) >= 0) {
                c = options.charAt(++i);
            }
            current.append(c);
        }
        throw new IllegalArgumentException("unterminated \" in jvmOptions: " + options);
    }
}
