package io.lido.listener.codec;

import io.lido.ipc.HeaderList;

/**
 * A syntactically valid HTTP/1.x request head with its message framing worked out (RFC 9112 §6.3).
 * Produced by {@link RequestDecoder}; the body follows as {@code ByteBuf} messages and ends with
 * {@link BodyEnd#INSTANCE}.
 *
 * @param method          the method token, case preserved
 * @param target          the request-target exactly as received
 * @param minorVersion    0 or 1 (HTTP/1.2+ is answered as 1.1)
 * @param headers         every field in arrival order
 * @param host            the Host field value, or null when absent (allowed on HTTP/1.0 only)
 * @param hostName        the host of {@code host} without port, lower case; "" when absent
 * @param userAgent       the first User-Agent value, or null (kept for the access log)
 * @param referer         the first Referer value, or null (kept for the access log)
 * @param contentLength   the body length: 0 without a body, -1 when chunked
 * @param keepAlive       whether the connection may stay open after this exchange
 * @param expectation     what the Expect field asks for
 * @param headLength      bytes of the head on the wire
 */
public record ParsedHead(String method, String target, int minorVersion, HeaderList headers, String host,
                         String hostName, String userAgent, String referer, long contentLength, boolean keepAlive, Expectation expectation, int headLength) {

    /** The {@code Expect} field (RFC 9110 §10.1.1). */
    public enum Expectation { NONE, CONTINUE, UNKNOWN }

    public boolean chunked() {
        return contentLength < 0;
    }

    public boolean hasBody() {
        return contentLength != 0;
    }

    /** "HTTP/1.0" or "HTTP/1.1", as the version is logged. */
    public String protocol() {
        return minorVersion == 0 ? "HTTP/1.0" : "HTTP/1.1";
    }
}
