package io.lido.modules.redirect;

import io.lido.modules.support.Escaping;
import io.lido.modules.support.VirtualPaths;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides where (and whether) a request is redirected under {@link RedirectRules}. Destinations may use
 * IIS's variables: {@code $S} the path below the configured folder, {@code $V} the request path,
 * {@code $Q} the query with its '?', {@code $P} the query without it; a destination using any of them
 * is taken as written. A redirect that would point back at the request itself, or (for a relative
 * destination) at a URL below the destination that would be redirected again, is not made.
 */
final class RedirectTarget {

    private RedirectTarget() {
    }

    /**
     * @param base  the URL folder the rules were configured for ("/" or "/old")
     * @param path  the decoded request path
     * @param query the raw query string without '?'
     * @param host  the request's Host (host[:port]), or null
     */
    static Optional<String> locate(RedirectRules rules, String base, String path, String query, String host) {
        if (!rules.enabled() || !VirtualPaths.isUnder(path, base)) {
            return Optional.empty();
        }
        String relative = VirtualPaths.relativeTo(path, base);
        for (RedirectRules.Wildcard wildcard : rules.wildcards()) {
            if (wildcardMatches(wildcard.wildcard(), path) || wildcardMatches(wildcard.wildcard(), relative)) {
                return guard(substitute(wildcard.destination(), relative, path, query), path, query, host);
            }
        }
        if (rules.destination().isBlank()) {
            return Optional.empty();
        }
        if (rules.childOnly() && relative.indexOf('/', 1) >= 0) {
            return Optional.empty();
        }
        String destination = rules.destination().strip();
        if (rules.exactDestination() || hasVariables(destination)) {
            return guard(substitute(destination, relative, path, query), path, query, host);
        }
        URI destinationUri = uri(destination);
        if (pointsHere(destinationUri, host) && VirtualPaths.isUnder(path, pathOf(destinationUri))) {
            // already below the destination: appending the path again would redirect forever
            return Optional.empty();
        }
        String trimmed = destination.endsWith("/") ? destination.substring(0, destination.length() - 1) : destination;
        String target = trimmed + encode(relative) + (query.isEmpty() ? "" : "?" + query);
        return guard(target, path, query, host);
    }

    /** The target, unless it is the request's own URL (a redirect to itself would loop). */
    private static Optional<String> guard(String target, String path, String query, String host) {
        URI uri = uri(target);
        if (!pointsHere(uri, host)) {
            return Optional.of(target);
        }
        String targetQuery = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        if (pathOf(uri).equalsIgnoreCase(path) && targetQuery.equals(query)) {
            return Optional.empty();
        }
        return Optional.of(target);
    }

    private static URI uri(String target) {
        try {
            return new URI(target);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("httpRedirect destination \"" + target + "\" is not a valid URL: "
                    + e.getMessage(), e);
        }
    }

    /** Whether a destination addresses this server: a path, or an absolute URL naming the request's host. */
    private static boolean pointsHere(URI uri, String host) {
        return uri.getHost() == null || host == null || sameHost(uri, host);
    }

    private static String pathOf(URI uri) {
        return uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
    }

    private static boolean sameHost(URI uri, String hostHeader) {
        String host = hostHeader.toLowerCase(Locale.ROOT);
        int colon = host.lastIndexOf(':');
        if (colon > host.lastIndexOf(']')) {
            host = host.substring(0, colon);
        }
        return uri.getHost().equalsIgnoreCase(host);
    }

    private static boolean hasVariables(String destination) {
        return destination.contains("$S") || destination.contains("$V") || destination.contains("$Q")
                || destination.contains("$P");
    }

    private static String substitute(String destination, String relative, String path, String query) {
        return destination
                .replace("$S", encode(relative))
                .replace("$V", encode(path))
                .replace("$Q", query.isEmpty() ? "" : "?" + query)
                .replace("$P", query);
    }

    /** A wildcard with '*' matching any run of characters, case-insensitively. */
    static boolean wildcardMatches(String wildcard, String text) {
        String pattern = wildcard.toLowerCase(Locale.ROOT);
        String value = text.toLowerCase(Locale.ROOT);
        int p = 0;
        int v = 0;
        int star = -1;
        int mark = 0;
        while (v < value.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = v;
            } else if (p < pattern.length() && pattern.charAt(p) == value.charAt(v)) {
                p++;
                v++;
            } else if (star >= 0) {
                p = star + 1;
                v = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private static String encode(String decodedPath) {
        StringBuilder out = new StringBuilder(decodedPath.length() + 8);
        int start = 0;
        while (start <= decodedPath.length()) {
            int slash = decodedPath.indexOf('/', start);
            int end = slash < 0 ? decodedPath.length() : slash;
            out.append(Escaping.pathSegment(decodedPath.substring(start, end)));
            if (slash < 0) {
                break;
            }
            out.append('/');
            start = slash + 1;
        }
        return out.toString();
    }
}
