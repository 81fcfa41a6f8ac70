package io.lido.listener.codec;

import io.lido.ipc.HeaderList;

/**
 * Decides how a request body is framed and whether the head is acceptable, from the fields that
 * request smuggling abuses (RFC 9112 §6.1–6.3, RFC 9110 §7.2, §8.6): Content-Length, Transfer-Encoding,
 * Host, Connection and Expect. Everything ambiguous is refused: a listener that forwards to workers must
 * never frame a message differently from the next parser in line.
 */
final class FramingRules {
    private static final int MAX_CONTENT_LENGTH_DIGITS = 18;

    private final int minorVersion;
    private int hostCount;
    private String host;
    private String userAgent;
    private String referer;
    private int contentLengthCount;
    private long contentLength = -1;
    private int transferEncodingCount;
    private String transferEncoding;
    private boolean close;
    private boolean keepAliveToken;
    private ParsedHead.Expectation expectation = ParsedHead.Expectation.NONE;

    FramingRules(int minorVersion) {
        this.minorVersion = minorVersion;
    }

    void field(String name, String value) {
        switch (name.length()) {
            case 4 -> {
                if (name.equalsIgnoreCase("Host")) {
                    hostCount++;
                    host = value;
                }
            }
            case 7 -> {
                if (referer == null && name.equalsIgnoreCase("Referer")) {
                    referer = value;
                }
            }
            case 6 -> {
                if (name.equalsIgnoreCase("Expect")) {
                    expectation = value.equalsIgnoreCase("100-continue")
                            ? ParsedHead.Expectation.CONTINUE : ParsedHead.Expectation.UNKNOWN;
                }
            }
            case 10 -> {
                if (name.equalsIgnoreCase("Connection")) {
                    connection(value);
                } else if (userAgent == null && name.equalsIgnoreCase("User-Agent")) {
                    userAgent = value;
                }
            }
            case 14 -> {
                if (name.equalsIgnoreCase("Content-Length")) {
                    contentLengthCount++;
                    contentLength = contentLength(value);
                }
            }
            case 17 -> {
                if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    transferEncodingCount++;
                    transferEncoding = value;
                }
            }
            default -> { }
        }
    }

    ParsedHead finish(String method, String target, HeaderList headers, int headLength, HostCheck hosts) {
        if (hostCount > 1) {
            throw Rejection.invalidHostname("more than one Host field").toException();
        }
        if (hostCount == 0 && minorVersion == 1) {
            throw Rejection.invalidHostname("HTTP/1.1 request without Host").toException();
        }
        String hostName = host == null ? "" : hosts.hostName(host);
        if (hostName == null) {
            throw Rejection.invalidHostname("invalid Host value '" + host + "'").toException();
        }
        if (contentLengthCount > 1) {
            throw Rejection.badRequest("more than one Content-Length field").toException();
        }
        long length = contentLengthCount == 0 ? 0 : contentLength;
        if (transferEncodingCount > 0) {
            if (contentLengthCount > 0) {
                throw Rejection.badRequest("both Transfer-Encoding and Content-Length").toException();
            }
            if (minorVersion == 0) {
                throw Rejection.badRequest("Transfer-Encoding in an HTTP/1.0 request").toException();
            }
            if (transferEncodingCount > 1) {
                throw Rejection.badRequest("more than one Transfer-Encoding field").toException();
            }
            checkChunked(transferEncoding);
            length = -1;
        }
        boolean keepAlive = minorVersion == 1 ? !close : keepAliveToken && !close;
        ParsedHead.Expectation expect = minorVersion == 0 ? ParsedHead.Expectation.NONE : expectation;
        return new ParsedHead(method, target, minorVersion, headers, host, hostName, userAgent, referer, length, keepAlive, expect, headLength);
    }

    /** 1*DIGIT after OWS trimming (leading zeros are decimal, RFC 9110 §8.6); no lists, signs or spaces. */
    private static long contentLength(String value) {
        int n = value.length();
        if (n == 0) {
            throw Rejection.badRequest("empty Content-Length").toException();
        }
        if (n > MAX_CONTENT_LENGTH_DIGITS) {
            int firstNonZero = 0;
            while (firstNonZero < n && value.charAt(firstNonZero) == '0') {
                firstNonZero++;
            }
            if (n - firstNonZero > MAX_CONTENT_LENGTH_DIGITS && allDigits(value)) {
                throw Rejection.contentTooLarge("Content-Length " + value + " is beyond any limit").toException();
            }
        }
        if (!allDigits(value)) {
            throw Rejection.badRequest("invalid Content-Length '" + value + "'").toException();
        }
        long result = 0;
        for (int i = 0; i < n; i++) {
            result = result * 10 + (value.charAt(i) - '0');
        }
        return result;
    }

    private static boolean allDigits(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Only a lone "chunked" is supported (RFC 9112 §6.1: other codings → 501, malformed → 400). */
    private static void checkChunked(String value) {
        if (value.equalsIgnoreCase("chunked")) {
            return;
        }
        if (value.isEmpty()) {
            throw Rejection.badRequest("empty Transfer-Encoding").toException();
        }
        String[] codings = value.split(",", -1);
        for (String raw : codings) {
            String coding = raw.strip();
            if (coding.isEmpty() || !isToken(coding)) {
                throw Rejection.badRequest("malformed Transfer-Encoding '" + value + "'").toException();
            }
        }
        String last = codings[codings.length - 1].strip();
        if (codings.length > 1 && last.equalsIgnoreCase("chunked")) {
            boolean chunkedTwice = false;
            for (int i = 0; i < codings.length - 1; i++) {
                chunkedTwice |= codings[i].strip().equalsIgnoreCase("chunked");
            }
            if (chunkedTwice) {
                throw Rejection.badRequest("chunked applied more than once: '" + value + "'").toException();
            }
            throw Rejection.notImplemented("transfer coding not supported: '" + value + "'").toException();
        }
        if (!last.equalsIgnoreCase("chunked")) {
            if (codings.length > 1) {
                throw Rejection.badRequest("final transfer coding is not chunked: '" + value + "'").toException();
            }
            throw Rejection.notImplemented("transfer coding not supported: '" + value + "'").toException();
        }
    }

    private static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0xff || !Tokens.isTchar((byte) c)) {
                return false;
            }
        }
        return true;
    }

    private void connection(String value) {
        int start = 0;
        while (start <= value.length()) {
            int comma = value.indexOf(',', start);
            int end = comma < 0 ? value.length() : comma;
            String option = value.substring(start, end).strip();
            if (option.equalsIgnoreCase("close")) {
                close = true;
            } else if (option.equalsIgnoreCase("keep-alive")) {
                keepAliveToken = true;
            }
            start = end + 1;
        }
    }
}
