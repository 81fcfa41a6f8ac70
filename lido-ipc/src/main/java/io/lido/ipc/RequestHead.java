package io.lido.ipc;

/**
 * A parsed and routed request, as the listener hands it to the runtime.
 *
 * @param id              listener-wide request id (unique per host process run)
 * @param method          the request method, case preserved (RFC 9110 methods are case-sensitive)
 * @param rawTarget       the request-target exactly as received (origin form; absolute form is
 *                        reduced to its path and query by the listener)
 * @param path            the decoded path: percent-decoded once as UTF-8, starts with '/', never
 *                        contains "." or ".." segments, NUL, or backslashes (the listener rejects those)
 * @param query           the raw query string without '?', or "" when there is none
 * @param httpMinorVersion 0 for HTTP/1.0, 1 for HTTP/1.1
 * @param headers         the header fields as received (the Host of an absolute-form target is
 *                        reflected into the Host field)
 * @param remoteAddress   client IP address (textual)
 * @param remotePort      client port
 * @param localAddress    the local IP address the connection arrived on
 * @param localPort       the local port
 * @param secure          whether the connection is TLS
 * @param siteId          the IIS site id the request was routed to
 * @param siteName        the site's name
 * @param applicationPath the virtual path of the application that owns the request ("/" or "/app")
 * @param contentLength   the body length, -1 when the body is chunked, 0 when there is no body
 * @param tls             the TLS connection's details ({@link TlsDetails#NONE} when not secure)
 */
public record RequestHead(
        long id,
        String method,
        String rawTarget,
        String path,
        String query,
        int httpMinorVersion,
        HeaderList headers,
        String remoteAddress,
        int remotePort,
        String localAddress,
        int localPort,
        boolean secure,
        long siteId,
        String siteName,
        String applicationPath,
        long contentLength,
        TlsDetails tls) {

    /** A request with no TLS details (over TLS or not). */
    public RequestHead(long id, String method, String rawTarget, String path, String query, int httpMinorVersion,
                       HeaderList headers, String remoteAddress, int remotePort, String localAddress, int localPort,
                       boolean secure, long siteId, String siteName, String applicationPath, long contentLength) {
        this(id, method, rawTarget, path, query, httpMinorVersion, headers, remoteAddress, remotePort, localAddress,
                localPort, secure, siteId, siteName, applicationPath, contentLength, TlsDetails.NONE);
    }

    /** Whether the client asked for the connection to stay open after this exchange. */
    public boolean keepAlive() {
        String connection = headers.get("Connection");
        if (httpMinorVersion == 0) {
            return connection != null && connection.toLowerCase().contains("keep-alive");
        }
        return connection == null || !connection.toLowerCase().contains("close");
    }

    /** Whether the request carries a body. */
    public boolean hasBody() {
        return contentLength != 0;
    }
}
