package io.lido.listener.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A raw-socket HTTP/1.1 client for listener tests: sends exact bytes, parses what comes back. */
public final class RawHttp implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    /** Everything received, one char per byte (ISO-8859-1), appended as it arrives. */
    private final StringBuilder received = new StringBuilder();
    private int parsed;

    /** One parsed response; {@code headers} keys are lower case. */
    public record Response(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    public RawHttp(int port) {
        this(port, "127.0.0.1");
    }

    /**
     * Connects to 127.0.0.1:port from {@code localAddress}: any 127.x.y.z works on Linux's loopback, so
     * tests play several clients (IP restrictions) on one machine.
     */
    public RawHttp(int port, String localAddress) {
        try {
            socket = new Socket();
            socket.bind(new java.net.InetSocketAddress(localAddress, 0));
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(5000);
            in = socket.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RawHttp send(String raw) {
        try {
            socket.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads until one more complete response (a body-less answer to HEAD when {@code head}). */
    public Response read(boolean head) {
        while (true) {
            Response r = tryParse(head);
            if (r != null) {
                return r;
            }
            if (!fill()) {
                throw new IllegalStateException("connection closed before a complete response; received: "
                        + received.substring(parsed));
            }
        }
    }

    public Response read() {
        return read(false);
    }

    /** Whether the server closed the connection (EOF) within the socket timeout, with no more bytes. */
    public boolean closedByServer() {
        try {
            int b = in.read();
            return b < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Everything after the responses parsed so far (e.g. an unexpected extra answer). */
    public String rest() {
        return received.substring(parsed);
    }

    private boolean fill() {
        byte[] buffer = new byte[65536];
        try {
            int n = in.read(buffer);
            if (n < 0) {
                return false;
            }
            received.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Response tryParse(boolean head) {
        StringBuilder text = received;
        int end = text.indexOf("\r\n\r\n", parsed);
        if (end < 0) {
            return null;
        }
        String[] lines = text.substring(parsed, end).split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.merge(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip(),
                    (a, b) -> a + ", " + b);
        }
        int bodyStart = end + 4;
        if (status < 200) {
            parsed = bodyStart;
            return new Response(status, headers, "");
        }
        if (head || status == 204 || status == 304) {
            parsed = bodyStart;
            return new Response(status, headers, "");
        }
        if (headers.containsKey("content-length")) {
            int length = Integer.parseInt(headers.get("content-length"));
            if (text.length() < bodyStart + length) {
                return null;
            }
            parsed = bodyStart + length;
            return new Response(status, headers, text.substring(bodyStart, bodyStart + length));
        }
        if ("chunked".equals(headers.get("transfer-encoding"))) {
            return chunked(text, status, headers, bodyStart);
        }
        // close-delimited: complete only at EOF
        while (fill()) {
            // read to the end
        }
        parsed = text.length();
        return new Response(status, headers, text.substring(bodyStart));
    }

    private Response chunked(StringBuilder text, int status, Map<String, String> headers, int from) {
        StringBuilder body = new StringBuilder();
        int i = from;
        while (true) {
            int eol = text.indexOf("\r\n", i);
            if (eol < 0) {
                return null;
            }
            int size = Integer.parseInt(text.substring(i, eol), 16);
            if (size == 0) {
                if (text.length() < eol + 4) {
                    return null;
                }
                parsed = eol + 4;
                return new Response(status, headers, body.toString());
            }
            if (text.length() < eol + 2 + size + 2) {
                return null;
            }
            body.append(text, eol + 2, eol + 2 + size);
            i = eol + 2 + size + 2;
        }
    }

    /** Reads every response the server sends until it closes or goes quiet. */
    public List<Response> readAll() {
        List<Response> all = new ArrayList<>();
        while (true) {
            Response r = tryParse(false);
            if (r != null) {
                all.add(r);
            } else if (!fill()) {
                return all;
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
