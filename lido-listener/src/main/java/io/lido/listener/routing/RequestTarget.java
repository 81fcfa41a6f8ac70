package io.lido.listener.routing;

import io.lido.listener.codec.HostSyntax;
import io.lido.listener.codec.Rejection;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A request-target split and made safe: origin-form and absolute-form (RFC 9112 §3.2) are accepted,
 * the path is percent-decoded once as strict UTF-8 (overlong forms like {@code %c0%ae} are invalid
 * UTF-8 and refused), NUL, control characters and backslashes (raw or encoded) are refused, and dot
 * segments are removed (RFC 3986 §5.2.4) with any attempt to climb above "/" refused. Repeated slashes
 * are collapsed so that no later {@code Path.resolve} can see an absolute path. Traversal is therefore
 * impossible whatever the encoding; the static handler still checks against its physical root.
 *
 * @param originForm the target as received, an absolute-form target reduced to its path and query
 * @param rawPath   the path as received (absolute-form reduced to its path), for maxUrl and logging
 * @param path      the decoded, normalised path; starts with '/'
 * @param query     the raw query without '?', or ""
 * @param authority the authority of an absolute-form target, or null
 * @param asterisk  whether the target was "*" (asterisk-form)
 */
public record RequestTarget(String originForm, String rawPath, String path, String query, String authority,
                            boolean asterisk) {

    private static final RequestTarget ASTERISK = new RequestTarget("*", "*", "*", "", null, true);

    /**
     * Parses a target already known to consist of visible ASCII characters.
     *
     * @throws Rejection.RejectedException with a 400 for anything that is not a safe path
     */
    public static RequestTarget parse(String target) {
        if (target.equals("*")) {
            return ASTERISK;
        }
        String authority = null;
        String rest = target;
        if (target.charAt(0) != '/') {
            int schemeEnd = schemeLength(target);
            if (schemeEnd < 0) {
                throw Rejection.invalidUrl("request target is neither origin-form nor absolute-form: " + cut(target))
                        .toException();
            }
            int authorityEnd = schemeEnd;
            while (authorityEnd < target.length() && "/?#".indexOf(target.charAt(authorityEnd)) < 0) {
                authorityEnd++;
            }
            authority = target.substring(schemeEnd, authorityEnd);
            if (authority.indexOf('@') >= 0) {
                throw Rejection.invalidUrl("userinfo in an absolute-form target").toException();
            }
            if (!HostSyntax.isValid(authority)) {
                throw Rejection.invalidHostname("invalid authority '" + cut(authority) + "' in the request target")
                        .toException();
            }
            rest = authorityEnd == target.length() ? "/" : target.substring(authorityEnd);
            if (rest.charAt(0) == '?') {
                rest = "/" + rest;
            }
        }
        if (rest.indexOf('#') >= 0) {
            throw Rejection.invalidUrl("fragment in the request target").toException();
        }
        int q = rest.indexOf('?');
        String rawPath = q < 0 ? rest : rest.substring(0, q);
        String query = q < 0 ? "" : rest.substring(q + 1);
        return new RequestTarget(rest, rawPath, normalise(rawPath), query, authority, false);
    }

    /** Length of "http://" or "https://" (any case) at the start, or -1. */
    private static int schemeLength(String target) {
        if (target.regionMatches(true, 0, "http://", 0, 7)) {
            return 7;
        }
        if (target.regionMatches(true, 0, "https://", 0, 8)) {
            return 8;
        }
        return -1;
    }

    static String normalise(String rawPath) {
        if (isAlreadyClean(rawPath)) {
            return rawPath;
        }
        String decoded = decode(rawPath);
        return removeDotSegments(decoded);
    }

    /** The common case: nothing to decode, no dot segment, no repeated slash; no allocation needed. */
    private static boolean isAlreadyClean(String p) {
        char previous = 0;
        for (int i = 0, n = p.length(); i < n; i++) {
            char c = p.charAt(i);
            if (c == '%' || c == '\\' || (previous == '/' && (c == '.' || c == '/'))) {
                return false;
            }
            previous = c;
        }
        return true;
    }

    private static String decode(String rawPath) {
        byte[] bytes = new byte[rawPath.length()];
        int n = 0;
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '%') {
                int hi = i + 2 < rawPath.length() ? Character.digit(rawPath.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(rawPath.charAt(i + 2), 16) : -1;
                if (lo < 0) {
                    throw Rejection.invalidUrl("invalid percent-encoding in the path").toException();
                }
                bytes[n++] = (byte) (hi << 4 | lo);
                i += 2;
            } else {
                bytes[n++] = (byte) c;
            }
        }
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, n)).toString();
        } catch (CharacterCodingException e) {
            throw Rejection.invalidUrl("the path is not valid UTF-8 once decoded (" + e.getMessage() + ")")
                    .toException();
        }
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                throw Rejection.invalidUrl(c == '\\' ? "backslash in the path"
                        : "control character U+%04X in the path".formatted((int) c)).toException();
            }
        }
        return decoded;
    }

    /** RFC 3986 §5.2.4 on a path starting with '/', refusing ".." at the root; empty segments collapse. */
    private static String removeDotSegments(String p) {
        String[] segments = p.split("/", -1);
        String[] out = new String[segments.length];
        int depth = 0;
        boolean trailingSlash = false;
        for (int i = 1; i < segments.length; i++) {
            String s = segments[i];
            boolean last = i == segments.length - 1;
            switch (s) {
                case "", "." -> trailingSlash = last;
                case ".." -> {
                    if (depth == 0) {
                        throw Rejection.invalidUrl("the path climbs above the root").toException();
                    }
                    depth--;
                    trailingSlash = last;
                }
                default -> {
                    out[depth++] = s;
                    trailingSlash = false;
                }
            }
        }
        StringBuilder sb = new StringBuilder(p.length());
        for (int i = 0; i < depth; i++) {
            sb.append('/').append(out[i]);
        }
        if (trailingSlash || depth == 0) {
            sb.append('/');
        }
        return sb.toString();
    }

    private static String cut(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }
}
