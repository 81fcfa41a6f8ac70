package io.lido.runtime.internal;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The charset parameter of a Content-Type (RFC 9110 §8.3). */
final class ContentTypes {
    /**
     * Content types already parsed, with their charset: applications use a few constant ones, and
     * scanning for the parameter and looking the charset up cost more than this lookup. Bounded
     * (it starts over when full) because a type may carry per-response parameters such as a boundary.
     */
    private static final Map<String, Parsed> KNOWN = new ConcurrentHashMap<>();
    private static final int MAX_KNOWN = 256;

    /** A parsed content type: its charset, and whether it named one (else UTF-8). */
    private record Parsed(Charset charset, boolean named) {
    }

    private ContentTypes() {
    }

    /** Whether the content type has a charset parameter. */
    static boolean hasCharset(String contentType) {
        Parsed known = KNOWN.get(contentType);
        return known != null ? known.named() : indexOfCharset(contentType) >= 0;
    }

    /** Where "charset=" starts (case-insensitively), or -1; no lower-cased copy of the value is made. */
    private static int indexOfCharset(String contentType) {
        for (int i = contentType.indexOf(';'); i >= 0 && i <= contentType.length() - 8; i++) {
            if (contentType.regionMatches(true, i, "charset=", 0, 8)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The charset named by the content type, UTF-8 when it names none.
     *
     * @throws IllegalArgumentException when it names a charset the JDK does not know
     */
    static Charset charset(String contentType) {
        if (contentType == null) {
            return StandardCharsets.UTF_8;
        }
        Parsed known = KNOWN.get(contentType);
        if (known != null) {
            return known.charset();
        }
        Parsed parsed = parse(contentType);
        if (KNOWN.size() >= MAX_KNOWN) {
            KNOWN.clear();
        }
        KNOWN.put(contentType, parsed);
        return parsed.charset();
    }

    private static Parsed parse(String contentType) {
        int at = indexOfCharset(contentType);
        if (at < 0) {
            return new Parsed(StandardCharsets.UTF_8, false);
        }
        String name = contentType.substring(at + 8);
        int end = name.indexOf(';');
        name = (end < 0 ? name : name.substring(0, end)).trim();
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1);
        }
        try {
            return new Parsed(Charset.forName(name), true);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException("Content-Type \"" + contentType + "\" names an unknown charset", e);
        }
    }
}
