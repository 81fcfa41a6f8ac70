package io.lido.runtime.internal;

import io.lido.api.HttpException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code application/x-www-form-urlencoded} text (query strings and form bodies, WHATWG URL
 * standard §5.1): '&amp;'-separated pairs, '+' as space, percent-escapes decoded as UTF-8. Names keep
 * their first-seen order and every value is kept.
 */
final class UrlEncoding {
    private UrlEncoding() {
    }

    /**
     * The pairs of {@code text}, read-only.
     *
     * @param what "query string" or "form body", for the error message
     * @throws HttpException 400 when a percent-escape is malformed
     */
    static Map<String, List<String>> parse(String text, String what) {
        if (text.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        int start = 0;
        int length = text.length();
        while (start <= length) {
            int end = text.indexOf('&', start);
            if (end < 0) {
                end = length;
            }
            if (end > start) {
                int eq = text.indexOf('=', start);
                String name;
                String value;
                if (eq < 0 || eq > end) {
                    name = decode(text.substring(start, end), what);
                    value = "";
                } else {
                    name = decode(text.substring(start, eq), what);
                    value = decode(text.substring(eq + 1, end), what);
                }
                out.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
            }
            start = end + 1;
        }
        for (Map.Entry<String, List<String>> e : out.entrySet()) {
            e.setValue(Collections.unmodifiableList(e.getValue()));
        }
        return Collections.unmodifiableMap(out);
    }

    /** Decodes one component ('+' is a space). */
    static String decode(String component, String what) {
        if (component.indexOf('%') < 0 && component.indexOf('+') < 0) {
            return component;
        }
        try {
            return URLDecoder.decode(component, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new HttpException(400, 0, "malformed percent-encoding in the " + what + ": \""
                    + abbreviate(component) + "\"", e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
