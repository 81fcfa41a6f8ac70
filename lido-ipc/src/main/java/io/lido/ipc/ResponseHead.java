package io.lido.ipc;

/**
 * The status line and header fields of a response, as the runtime hands them to the listener.
 * When {@code headers} holds no Content-Length the listener frames the body with chunked
 * transfer coding (HTTP/1.1) or by closing the connection (HTTP/1.0).
 *
 * @param status  the status code (100..999)
 * @param reason  the reason phrase, or null for the standard one
 * @param headers the header fields, in order
 */
public record ResponseHead(int status, String reason, HeaderList headers) {
}
