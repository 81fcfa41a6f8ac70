package io.lido.server.modules;

import java.util.Locale;

/** What a raw exchange received, split into the first response's status, head and body. */
record RawResponse(int status, String head, String body) {

    /** Parses the first response of {@code received} (ISO-8859-1 text as read from the socket). */
    static RawResponse parse(String received) {
        if (!received.startsWith("HTTP/1.")) {
            throw new AssertionError("not an HTTP response: " + received);
        }
        int end = received.indexOf("\r\n\r\n");
        String head = end < 0 ? received : received.substring(0, end);
        String body = end < 0 ? "" : received.substring(end + 4);
        return new RawResponse(Integer.parseInt(received.substring(9, 12)), head, body);
    }

    String headLowerCase() {
        return head.toLowerCase(Locale.ROOT);
    }
}
