package io.lido.modules.filtering;

import io.lido.api.HttpException;
import io.lido.api.HttpRequest;
import io.lido.modules.support.VirtualPaths;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Applies {@link RequestFilteringRules} to a request, throwing the {@link HttpException} IIS answers
 * with (404 and the request-filtering sub-status, 413.1 for a body over the limit, 431 for a header
 * over its limit). The checks run in IIS's order: verb, body, URL and query length, escaping, URL
 * sequences, hidden segments, extension, query-string sequences, headers.
 */
public final class RequestFilter {

    /** How many passed paths {@link CheckedUrls} remembers per section before it starts over. */
    static final int MAX_CHECKED_URLS = 1024;

    private RequestFilter() {
    }

    /** Rejects the request when a rule forbids it; returns normally otherwise. */
    public static void check(RequestFilteringRules rules, HttpRequest request) {
        check(rules, request, null);
    }

    /**
     * As above; {@code passedUrls} (raw path to decoded path, or null) remembers the paths that passed
     * the URL checks under these rules, which then need not run again for them.
     */
    static void check(RequestFilteringRules rules, HttpRequest request, Map<String, String> passedUrls) {
        checkVerb(rules, request.method());
        if (request.contentLength() > rules.maxAllowedContentLength()) {
            // the listener enforces the application's limit; this is a folder's smaller one (IIS 10: 413.1)
            throw new HttpException(413, 1, "the request body is " + request.contentLength()
                    + " bytes, requestLimits maxAllowedContentLength is " + rules.maxAllowedContentLength());
        }
        String rawUrl = request.rawUrl();
        int question = rawUrl.indexOf('?');
        String rawPath = question < 0 ? rawUrl : rawUrl.substring(0, question);
        String query = request.queryString();
        if (rawPath.length() > rules.maxUrl()) {
            throw new HttpException(404, 14, "URL too long: " + rawPath.length()
                    + " characters, requestLimits maxUrl is " + rules.maxUrl());
        }
        if (query.length() > rules.maxQueryString()) {
            throw new HttpException(404, 15, "query string too long: " + query.length()
                    + " characters, requestLimits maxQueryString is " + rules.maxQueryString());
        }
        String path = request.path();
        if (passedUrls == null || !path.equals(passedUrls.get(rawPath))) {
            if (!rules.alwaysAllowedUrls().contains(path.toLowerCase(Locale.ROOT))) {
                checkUrl(rules, rawPath, path);
            }
            if (passedUrls != null) {
                if (passedUrls.size() >= MAX_CHECKED_URLS) {
                    passedUrls.clear();
                }
                passedUrls.put(rawPath, path);
            }
        }
        if (!query.isEmpty() && !rules.alwaysAllowedQueryStrings().contains(query)) {
            checkQuery(rules, query);
        }
        checkHeaders(rules, request);
    }

    private static void checkVerb(RequestFilteringRules rules, String method) {
        Boolean allowed = rules.verbs().get(method);
        if (allowed == null ? !rules.allowUnlistedVerbs() : !allowed) {
            throw new HttpException(404, 6, "verb " + method + " is denied by requestFiltering/verbs");
        }
    }

    private static void checkUrl(RequestFilteringRules rules, String rawPath, String path) {
        if (!rules.allowDoubleEscaping() && isDoubleEscaped(path)) {
            throw new HttpException(404, 11, "the URL is double escaped (allowDoubleEscaping is false)");
        }
        if (!rules.allowHighBitCharacters() && (hasHighBit(path) || hasHighBit(rawPath))) {
            throw new HttpException(404, 12, "the URL has non-ASCII characters (allowHighBitCharacters is false)");
        }
        String lowerPath = path.toLowerCase(Locale.ROOT);
        String lowerRaw = rawPath.toLowerCase(Locale.ROOT);
        for (String sequence : rules.denyUrlSequences()) {
            if (lowerPath.contains(sequence) || lowerRaw.contains(sequence)) {
                throw new HttpException(404, 5, "the URL contains the denied sequence \"" + sequence + "\"");
            }
        }
        checkHiddenSegments(rules, lowerPath);
        // IIS lists URLs without an extension (folders included) as ".", so allowUnlisted="false" needs
        // <add fileExtension="." allowed="true"/> to let them through
        String extension = VirtualPaths.extension(VirtualPaths.lastSegment(path));
        String key = extension.isEmpty() ? "." : extension;
        Boolean allowed = rules.fileExtensions().get(key);
        if (allowed == null ? !rules.allowUnlistedExtensions() : !allowed) {
            throw new HttpException(404, 7, "the file extension \"" + key
                    + "\" is denied by requestFiltering/fileExtensions");
        }
    }

    /** Rejects a path with a segment equal (case-insensitively) to a hidden segment: 404.8. */
    public static void checkHiddenSegments(RequestFilteringRules rules, String path) {
        for (String segment : path.toLowerCase(Locale.ROOT).split("/")) {
            if (!segment.isEmpty() && rules.hiddenSegments().contains(segment)) {
                throw new HttpException(404, 8, "the URL contains the hidden segment \"" + segment + "\"");
            }
        }
    }

    private static void checkQuery(RequestFilteringRules rules, String query) {
        List<String> sequences = rules.denyQueryStringSequences();
        if (sequences.isEmpty()) {
            return;
        }
        String raw = query.toLowerCase(Locale.ROOT);
        String decoded = rules.unescapeQueryString() ? percentDecode(query).toLowerCase(Locale.ROOT) : raw;
        for (String sequence : sequences) {
            if (raw.contains(sequence) || decoded.contains(sequence)) {
                throw new HttpException(404, 18, "the query string contains the denied sequence \"" + sequence + "\"");
            }
        }
    }

    private static void checkHeaders(RequestFilteringRules rules, HttpRequest request) {
        if (rules.headerLimits().isEmpty()) {
            return;
        }
        for (String name : request.headerNames()) {
            Long limit = rules.headerLimits().get(name.toLowerCase(Locale.ROOT));
            if (limit == null) {
                continue;
            }
            long size = 0;
            for (String value : request.headers(name)) {
                size += value.length();
            }
            if (size > limit) {
                throw new HttpException(431, 0, "request header " + name + " is " + size
                        + " characters, requestLimits/headerLimits allows " + limit);
            }
        }
    }

    /**
     * IIS decodes the URL a second time and rejects it when that changes anything: an escape left after
     * the first decoding ({@code %2F} sent as {@code %252F}), or a '+' (which a second, form-style
     * decoding would turn into a space).
     */
    static boolean isDoubleEscaped(String decodedPath) {
        for (int i = 0; i < decodedPath.length(); i++) {
            char c = decodedPath.charAt(i);
            if (c == '+') {
                return true;
            }
            if (c == '%' && i + 2 < decodedPath.length() && isHex(decodedPath.charAt(i + 1))
                    && isHex(decodedPath.charAt(i + 2))) {
                return true;
            }
            if (c == '%' && i + 1 < decodedPath.length() && (decodedPath.charAt(i + 1) == 'u'
                    || decodedPath.charAt(i + 1) == 'U')) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasHighBit(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7F) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Decodes %XX escapes and '+' as UTF-8; a malformed escape stays as written (it is only scanned). */
    static String percentDecode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                out.write(Integer.parseInt(text, i + 1, i + 3, 16));
                i += 2;
            } else if (c == '+') {
                out.write(' ');
            } else {
                int codePoint = text.codePointAt(i);
                byte[] bytes = Character.toString(codePoint).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
                i += Character.charCount(codePoint) - 1;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
