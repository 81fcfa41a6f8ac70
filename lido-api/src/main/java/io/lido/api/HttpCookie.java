package io.lido.api;

import java.time.Duration;
import java.util.Objects;

/**
 * A cookie to set on the response (RFC 6265 {@code Set-Cookie}). Immutable; the {@code with…} methods
 * return changed copies.
 *
 * @param name     cookie name (an RFC 9110 token)
 * @param value    cookie value
 * @param path     Path attribute, or null
 * @param domain   Domain attribute, or null
 * @param maxAge   Max-Age, or null for a session cookie; zero deletes the cookie
 * @param secure   Secure attribute
 * @param httpOnly HttpOnly attribute
 * @param sameSite "Strict", "Lax", "None" or null
 */
public record HttpCookie(String name, String value, String path, String domain, Duration maxAge,
                         boolean secure, boolean httpOnly, String sameSite) {

    public HttpCookie {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** A session cookie with path "/". */
    public static HttpCookie of(String name, String value) {
        return new HttpCookie(name, value, "/", null, null, false, false, null);
    }

    public HttpCookie withPath(String newPath) {
        return new HttpCookie(name, value, newPath, domain, maxAge, secure, httpOnly, sameSite);
    }

    public HttpCookie withDomain(String newDomain) {
        return new HttpCookie(name, value, path, newDomain, maxAge, secure, httpOnly, sameSite);
    }

    public HttpCookie withMaxAge(Duration newMaxAge) {
        return new HttpCookie(name, value, path, domain, newMaxAge, secure, httpOnly, sameSite);
    }

    public HttpCookie withSecure(boolean newSecure) {
        return new HttpCookie(name, value, path, domain, maxAge, newSecure, httpOnly, sameSite);
    }

    public HttpCookie withHttpOnly(boolean newHttpOnly) {
        return new HttpCookie(name, value, path, domain, maxAge, secure, newHttpOnly, sameSite);
    }

    public HttpCookie withSameSite(String newSameSite) {
        return new HttpCookie(name, value, path, domain, maxAge, secure, httpOnly, newSameSite);
    }
}
