package io.lido.runtime.internal;

import io.lido.api.HttpCookie;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the {@code Cookie} request header and writes {@code Set-Cookie} values (RFC 6265). */
final class Cookies {
    private Cookies() {
    }

    /**
     * The cookies of every {@code Cookie} field (RFC 6265 §5.4: "name=value" pairs separated by ';');
     * the first occurrence of a name wins, as browsers send the most specific cookie first. Pairs
     * without '=' or with an empty name are skipped, as user agents do.
     */
    static Map<String, String> parse(List<String> cookieHeaders) {
        if (cookieHeaders.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String header : cookieHeaders) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String name = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
                    value = value.substring(1, value.length() - 1);
                }
                if (!name.isEmpty()) {
                    out.putIfAbsent(name, value);
                }
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * The {@code Set-Cookie} field value for a cookie (RFC 6265 §4.1).
     *
     * @throws IllegalArgumentException when the name is not a token or the value or an attribute holds
     *                                  characters RFC 6265 forbids (which would also allow header injection)
     */
    static String format(HttpCookie cookie) {
        if (!HeaderValidation.isToken(cookie.name())) {
            throw new IllegalArgumentException("cookie name \"" + cookie.name() + "\" is not an RFC 9110 token");
        }
        checkValue(cookie.name(), cookie.value());
        StringBuilder sb = new StringBuilder(64).append(cookie.name()).append('=').append(cookie.value());
        if (cookie.path() != null) {
            checkAttribute(cookie.name(), "Path", cookie.path());
            sb.append("; Path=").append(cookie.path());
        }
        if (cookie.domain() != null) {
            checkAttribute(cookie.name(), "Domain", cookie.domain());
            sb.append("; Domain=").append(cookie.domain());
        }
        if (cookie.maxAge() != null) {
            long seconds = Math.max(0, cookie.maxAge().toSeconds());
            sb.append("; Max-Age=").append(seconds);
            if (seconds == 0) {
                // Max-Age=0 deletes; the past Expires does the same for clients that predate Max-Age.
                sb.append("; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
            }
        }
        if (cookie.secure()) {
            sb.append("; Secure");
        }
        if (cookie.httpOnly()) {
            sb.append("; HttpOnly");
        }
        if (cookie.sameSite() != null) {
            String sameSite = cookie.sameSite();
            if (!sameSite.equals("Strict") && !sameSite.equals("Lax") && !sameSite.equals("None")) {
                throw new IllegalArgumentException("cookie \"" + cookie.name() + "\": SameSite must be Strict, Lax or None, not \""
                        + sameSite + "\"");
            }
            sb.append("; SameSite=").append(sameSite);
        }
        return sb.toString();
    }

    /** RFC 6265 cookie-octet: visible ASCII except DQUOTE, comma, semicolon and backslash. */
    private static void checkValue(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '"' || c == ',' || c == ';' || c == '\\') {
                throw new IllegalArgumentException("cookie \"" + name + "\": the value has a character RFC 6265 forbids"
                        + " (position " + i + "); encode it, e.g. with HttpServerUtility.urlEncode");
            }
        }
    }

    private static void checkAttribute(String name, String attribute, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || c == ';') {
                throw new IllegalArgumentException("cookie \"" + name + "\": the " + attribute
                        + " attribute has a control character or ';'");
            }
        }
    }
}
