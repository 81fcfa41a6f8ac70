package io.lido.server.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One raw exchange on a fresh connection: the bytes as given, then everything the server sends until it
 * closes the connection or {@code patience} passes without a byte, and whether it closed.
 *
 * @param received what arrived, as ISO-8859-1 text (one char per byte)
 * @param closed   true when the server closed (or reset) the connection within the patience
 */
record RawExchange(String received, boolean closed) {
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] (\\d{3}) ");

    /** Sends {@code request} (ISO-8859-1) to 127.0.0.1:port. */
    static RawExchange send(int port, String request, Duration patience) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout((int) patience.toMillis());
            try {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
            } catch (SocketException e) {
                // The server may answer and close before it read everything we sent (a limit): read what came.
            }
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("raw exchange with 127.0.0.1:" + port + " failed", e);
        }
    }

    /** {@link #send(int, String, Duration)} waiting up to 5 s for the close. */
    static RawExchange send(int port, String request) {
        return send(port, request, Duration.ofSeconds(5));
    }

    private static RawExchange read(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[16384];
        boolean closed;
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                bytes.write(buffer, 0, n);
            }
            closed = true;
        } catch (SocketTimeoutException e) {
            closed = false;
        } catch (SocketException e) {
            // A reset: the server closed with our unread bytes in its buffer. Still a close.
            closed = true;
        }
        return new RawExchange(bytes.toString(StandardCharsets.ISO_8859_1), closed);
    }

    /** The final status codes in order of arrival (1xx interim responses are left out). */
    List<Integer> statuses() {
        List<Integer> statuses = new ArrayList<>();
        Matcher m = STATUS_LINE.matcher(received);
        while (m.find()) {
            // Only at the start of the stream or of a line: a status line inside a body is not a response.
            if (m.start() == 0 || received.charAt(m.start() - 1) == '\n') {
                int status = Integer.parseInt(m.group(1));
                if (status >= 200) {
                    statuses.add(status);
                }
            }
        }
        return statuses;
    }

    /** For assertion messages: what arrived (cut to 2000 characters) and whether the connection closed. */
    String describe() {
        String shown = received.length() > 2000 ? received.substring(0, 2000) + "..." : received;
        return (closed ? "closed" : "still open") + " after receiving:\n" + shown;
    }

    /** The head (status line and headers) of the first final response, lower-cased. */
    String firstHeadLowerCase() {
        int end = received.indexOf("\r\n\r\n");
        return (end < 0 ? received : received.substring(0, end)).toLowerCase(java.util.Locale.ROOT);
    }
}
