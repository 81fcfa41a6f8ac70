package io.lido.listener.codec;

import io.lido.ipc.HeaderList;

import java.nio.charset.StandardCharsets;

/**
 * Parses one complete request head (request line and field lines, every line ending in CRLF, as
 * {@link RequestDecoder} guarantees) strictly by RFC 9112: one SP between the three request-line parts,
 * a token method, a visible-ASCII target, "HTTP/" DIGIT "." DIGIT, token field names followed directly by
 * ':', and field values without CTLs. No obs-fold, no whitespace before the colon, no leading
 * whitespace on a field line: every one of those is a known smuggling vector, so they are refused, not
 * repaired. The framing fields are then judged by {@link FramingRules}.
 */
final class HeadParser {
    private static final int MAX_METHOD_LENGTH = 32;

    private final int maxHeaderCount;
    private final HostCheck hosts = new HostCheck();

    HeadParser(int maxHeaderCount) {
        this.maxHeaderCount = maxHeaderCount;
    }

    ParsedHead parse(byte[] b, int length) {
        int sp1 = indexOf(b, 0, length, (byte) ' ');
        int eol = indexOf(b, 0, length, (byte) '\r');
        if (sp1 < 0 || sp1 > eol) {
            throw Rejection.badRequest("request line has no target: " + printable(b, 0, eol)).toException();
        }
        String method = method(b, sp1);
        int targetStart = sp1 + 1;
        int sp2 = targetStart;
        while (sp2 < eol && b[sp2] != ' ') {
            byte c = b[sp2];
            if (c < 0x21 || c > 0x7e) {
                throw Rejection.invalidUrl("invalid byte 0x%02x in request target".formatted(c & 0xff))
                        .toException();
            }
            sp2++;
        }
        if (sp2 == targetStart || sp2 == eol) {
            throw Rejection.badRequest("request line is not 'method SP target SP version': "
                    + printable(b, 0, eol)).toException();
        }
        String target = new String(b, targetStart, sp2 - targetStart, StandardCharsets.ISO_8859_1);
        int minor = version(b, sp2 + 1, eol);

        HeaderList headers = new HeaderList(12);
        FramingRules framing = new FramingRules(minor);
        int line = eol + 2;
        while (b[line] != '\r') {
            line = field(b, line, headers, framing);
            if (headers.size() > maxHeaderCount) {
                throw Rejection.headTooLong("more than " + maxHeaderCount + " header fields").toException();
            }
        }
        int headLength = line + 2;
        return framing.finish(method, target, headers, headLength, hosts);
    }

    private static String method(byte[] b, int end) {
        if (end == 0) {
            throw Rejection.invalidVerb("empty method").toException();
        }
        if (end > MAX_METHOD_LENGTH) {
            throw Rejection.invalidVerb("method longer than " + MAX_METHOD_LENGTH + " bytes").toException();
        }
        for (int i = 0; i < end; i++) {
            if (!Tokens.isTchar(b[i])) {
                throw Rejection.invalidVerb("invalid byte 0x%02x in method".formatted(b[i] & 0xff)).toException();
            }
        }
        return Methods.of(b, end);
    }

    /** "HTTP/" DIGIT "." DIGIT then CR: returns the minor version to answer with. */
    private static int version(byte[] b, int from, int eol) {
        boolean shape = eol - from == 8 && b[from] == 'H' && b[from + 1] == 'T' && b[from + 2] == 'T'
                && b[from + 3] == 'P' && b[from + 4] == '/' && isDigit(b[from + 5]) && b[from + 6] == '.'
                && isDigit(b[from + 7]);
        if (!shape) {
            throw Rejection.badRequest("invalid HTTP version: " + printable(b, from, eol)).toException();
        }
        int major = b[from + 5] - '0';
        int minor = b[from + 7] - '0';
        if (major != 1) {
            throw Rejection.versionNotSupported("HTTP/" + major + "." + minor).toException();
        }
        // RFC 9110 §2.5: a higher minor version is answered in the highest one we speak.
        return Math.min(minor, 1);
    }

    /** Parses one field line starting at {@code start}; returns where the next line starts. */
    private static int field(byte[] b, int start, HeaderList headers, FramingRules framing) {
        int i = start;
        while (Tokens.isTchar(b[i])) {
            i++;
        }
        if (b[i] != ':') {
            String why = i == start && Tokens.isOws(b[i]) ? "line folding or leading whitespace"
                    : Tokens.isOws(b[i]) ? "whitespace before the colon"
                    : b[i] == '\r' ? "no colon" : "invalid byte 0x%02x in field name".formatted(b[i] & 0xff);
            throw Rejection.invalidHeader(why + " in header line: " + printable(b, start, lineEnd(b, i)))
                    .toException();
        }
        if (i == start) {
            throw Rejection.invalidHeader("empty field name").toException();
        }
        String name = FieldNames.of(b, start, i);
        int v = i + 1;
        while (Tokens.isOws(b[v])) {
            v++;
        }
        int end = v;
        int lastNonOws = v;
        while (b[end] != '\r') {
            byte c = b[end];
            if (!Tokens.isFieldContent(c)) {
                throw Rejection.invalidHeader("invalid byte 0x%02x in the value of %s".formatted(c & 0xff, name))
                        .toException();
            }
            end++;
            if (!Tokens.isOws(c)) {
                lastNonOws = end;
            }
        }
        if (b[end + 1] != '\n') {
            throw Rejection.invalidHeader("bare CR in the value of " + name).toException();
        }
        String value = new String(b, v, lastNonOws - v, StandardCharsets.ISO_8859_1);
        headers.add(name, value);
        framing.field(name, value);
        return end + 2;
    }

    private static int lineEnd(byte[] b, int from) {
        int i = from;
        while (b[i] != '\r') {
            i++;
        }
        return i;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static int indexOf(byte[] b, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** The bytes as text for an error log line, control bytes escaped, cut at 200 characters. */
    static String printable(byte[] b, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < Math.min(to, from + 200); i++) {
            int c = b[i] & 0xff;
            if (c < 0x20 || c >= 0x7f) {
                sb.append(String.format("\\x%02x", c));
            } else {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }
}
