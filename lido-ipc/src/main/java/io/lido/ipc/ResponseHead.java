package io.lido.ipc;

/**
 * The status line and header fields of a response, as the runtime hands them to the listener.
 * When {@code headers} holds no Content-Length the listener frames the body with chunked
 * transfer coding (HTTP/1.1) or by closing the connection (HTTP/1.0).
 *
 * @param status    the status code (100..999)
 * @param subStatus the IIS sub-status (3 in 404.3), 0 when none; for the access log, never sent
 * @param reason    the reason phrase, or null for the standard one
 * @param headers   the header fields, in order
 * @param user      the authenticated user name for the access log, or null
 */
public record ResponseHead(int status, int subStatus, String reason, HeaderList headers, String user) {
}
