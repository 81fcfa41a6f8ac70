package io.lido.modules.fastcgi;

import io.lido.api.HttpResponse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The header block at the start of a CGI response (RFC 3875 §6): fields up to an empty line, lines ending in LF or
 * CRLF, arriving in pieces across STDOUT records. {@code Status: 404 Not Found} sets the status; a {@code Location}
 * without {@code Status} is a 302 (§6.2.3 and §6.2.4; php-cgi writes the Status itself); hop-by-hop fields are
 * dropped, the others become response headers.
 */
final class CgiResponseHead {
    /** A header block larger than this is the script's error, not a response: 502. */
    static final int MAX_LENGTH = 64 * 1024;
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "upgrade",
            "te", "trailer", "proxy-connection", "proxy-authenticate");

    private byte[] buffer = new byte[1024];
    private int count;
    private int scanned;
    private int bodyStart = -1;

    /**
     * Adds STDOUT bytes.
     *
     * @return whether the block is complete; then {@link #leftover()} holds the first body bytes
     * @throws FastCgiProtocolException when the block grows past {@value #MAX_LENGTH} bytes
     */
    boolean feed(byte[] data, int offset, int length) throws FastCgiProtocolException {
        if (count + length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, count + length));
        }
        System.arraycopy(data, offset, buffer, count, length);
        count += length;
        for (int i = Math.max(scanned, 1); i < count; i++) {
            if (buffer[i] != '\n') {
                continue;
            }
            if (buffer[i - 1] == '\n') {
                bodyStart = i + 1;
                return true;
            }
            if (buffer[i - 1] == '\r' && i >= 2 && buffer[i - 2] == '\n') {
                bodyStart = i + 1;
                return true;
            }
        }
        scanned = count;
        if (count > MAX_LENGTH) {
            throw new FastCgiProtocolException("the response header block is longer than " + MAX_LENGTH + " bytes");
        }
        return false;
    }

    /** The body bytes that came with the end of the block. */
    byte[] leftover() {
        return Arrays.copyOfRange(buffer, bodyStart, count);
    }

    /** The fields in order, as {name, value}. */
    List<String[]> fields() throws FastCgiProtocolException {
        List<String[]> fields = new ArrayList<>();
        String block = new String(buffer, 0, bodyStart, StandardCharsets.ISO_8859_1);
        for (String raw : block.split("\n")) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw new FastCgiProtocolException("the response header line \"" + printable(line)
                        + "\" is not a \"Name: value\" field");
            }
            fields.add(new String[]{line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
        }
        return fields;
    }

    /**
     * Sets the response's status and headers from the block.
     *
     * @throws FastCgiProtocolException for a malformed field or Status, or a header value the response refuses
     */
    void applyTo(HttpResponse response) throws FastCgiProtocolException {
        int status = -1;
        boolean location = false;
        for (String[] field : fields()) {
            String name = field[0];
            String value = field[1];
            String lower = name.toLowerCase(Locale.ROOT);
            try {
                switch (lower) {
                    case "status" -> status = status(value);
                    case "content-type" -> response.contentType(value);
                    case "content-length" -> response.contentLength(Long.parseLong(value));
                    case "location" -> {
                        location = true;
                        response.header(name, value);
                    }
                    default -> {
                        if (!HOP_BY_HOP.contains(lower)) {
                            response.addHeader(name, value);
                        }
                    }
                }
            } catch (IllegalArgumentException e) {
                throw new FastCgiProtocolException("the response header \"" + printable(name) + ": " + printable(value)
                        + "\" is not valid: " + e.getMessage());
            }
        }
        if (status < 0) {
            status = location ? 302 : 200;
        }
        response.status(status);
    }

    private static int status(String value) throws FastCgiProtocolException {
        int end = 0;
        while (end < value.length() && Character.isDigit(value.charAt(end))) {
            end++;
        }
        if (end != 3) {
            throw new FastCgiProtocolException("\"Status: " + printable(value) + "\" does not start with a 3-digit code");
        }
        int status = Integer.parseInt(value.substring(0, 3));
        if (status < 100) {
            throw new FastCgiProtocolException("\"Status: " + printable(value) + "\" is not an HTTP status");
        }
        return status;
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 200));
        for (int i = 0; i < text.length() && i < 200; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return out.toString();
    }
}
