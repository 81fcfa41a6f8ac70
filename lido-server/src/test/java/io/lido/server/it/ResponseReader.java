package io.lido.server.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads HTTP/1.1 responses one after another from a kept-alive connection, framing each by its status,
 * Content-Length or chunked coding, as a client must to use pipelining.
 */
public final class ResponseReader {
    private final InputStream in;

    public ResponseReader(InputStream in) {
        this.in = in;
    }

    /** A parsed response; header names lower-cased, body as ISO-8859-1 text. */
    public record Response(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** The next response; {@code headRequest} when it answers a HEAD (no body follows whatever the headers say). */
    public Response next(boolean headRequest) throws IOException {
        String statusLine = line();
        if (!statusLine.startsWith("HTTP/1.1 ") && !statusLine.startsWith("HTTP/1.0 ")) {
            throw new IOException("not a status line: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line; !(line = line()).isEmpty(); ) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        if (headRequest || status < 200 || status == 204 || status == 304) {
            return new Response(status, headers, "");
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            return new Response(status, headers, chunkedBody());
        }
        String length = headers.get("content-length");
        if (length == null) {
            throw new IOException("response " + status + " has neither Content-Length nor chunked framing");
        }
        return new Response(status, headers, new String(in.readNBytes(Integer.parseInt(length)),
                StandardCharsets.ISO_8859_1));
    }

    private String chunkedBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size; (size = Integer.parseInt(line().split(";")[0].trim(), 16)) > 0; ) {
            body.write(in.readNBytes(size));
            line();
        }
        while (!line().isEmpty()) {
            // trailer fields: ignored
        }
        return body.toString(StandardCharsets.ISO_8859_1);
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("connection closed in the middle of a response after \"" + line + "\"");
            }
            line.append((char) b);
        }
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
    }
}
