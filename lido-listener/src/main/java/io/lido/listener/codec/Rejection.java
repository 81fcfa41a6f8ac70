package io.lido.listener.codec;

/**
 * A request the listener refuses to pass on, with what HTTP.sys would log and answer.
 *
 * @param status    the status code sent to the client (400, 404, 413, 414, 431, 417, 501, 505, 503)
 * @param subStatus IIS's sub-status (404.14 is 14), 0 for none
 * @param reason    the httperr {@code s-reason}: one HTTP.sys token (BadRequest, Hostname, Header, URL,
 *                  URL_Length, FieldLength, RequestLength, Verb, Version_N/S, N/I, EntityTooLarge, ...)
 * @param title     the short title of the error page, e.g. "Bad Request - Invalid Hostname"
 * @param detail    what exactly was wrong, for Lido's debug log (never sent to the client, not in httperr)
 */
public record Rejection(int status, int subStatus, String reason, String title, String detail) {

    /** A rejection without a sub-status. */
    public Rejection(int status, String reason, String title, String detail) {
        this(status, 0, reason, title, detail);
    }

    public static Rejection badRequest(String detail) {
        return new Rejection(400, "BadRequest", "Bad Request", detail);
    }

    public static Rejection invalidHeader(String detail) {
        return new Rejection(400, "Header", "Bad Request - Invalid Header", detail);
    }

    public static Rejection invalidHostname(String detail) {
        return new Rejection(400, "Hostname", "Bad Request - Invalid Hostname", detail);
    }

    public static Rejection invalidUrl(String detail) {
        return new Rejection(400, "URL", "Bad Request - Invalid URL", detail);
    }

    public static Rejection invalidVerb(String detail) {
        return new Rejection(400, "Verb", "Bad Request - Invalid Verb", detail);
    }

    public static Rejection urlTooLong(String detail) {
        return new Rejection(414, "URL_Length", "Request URL Too Long", detail);
    }

    /** requestFiltering's {@code maxUrl}: 404.14, as IIS's request filtering answers. */
    public static Rejection urlOverMaxUrl(String detail) {
        return new Rejection(404, 14, "URL_Length", "Not Found - URL too long", detail);
    }

    /** requestFiltering's {@code maxQueryString}: 404.15, as IIS's request filtering answers. */
    public static Rejection queryOverMaxQueryString(String detail) {
        return new Rejection(404, 15, "URL_Length", "Not Found - Query string too long", detail);
    }

    public static Rejection fieldTooLong(String detail) {
        return new Rejection(431, "FieldLength", "Request Header Fields Too Large", detail);
    }

    public static Rejection headTooLong(String detail) {
        return new Rejection(431, "RequestLength", "Request Header Fields Too Large", detail);
    }

    public static Rejection contentTooLarge(String detail) {
        return new Rejection(413, "EntityTooLarge", "Content Too Large", detail);
    }

    public static Rejection versionNotSupported(String detail) {
        return new Rejection(505, "Version_N/S", "HTTP Version Not Supported", detail);
    }

    public static Rejection notImplemented(String detail) {
        return new Rejection(501, "N/I", "Not Implemented", detail);
    }

    public static Rejection expectationFailed(String detail) {
        // HTTP.sys has no reason of its own for an expectation it cannot meet.
        return new Rejection(417, "BadRequest", "Expectation Failed", detail);
    }

    /** The site has no application for the path. */
    public static Rejection notFound(String detail) {
        return new Rejection(404, "NotFound", "Not Found", detail);
    }

    /** The listener failed itself (a configuration it cannot read, a dispatch that threw). */
    public static Rejection internal(String title, String detail) {
        return new Rejection(500, "Internal", title, detail);
    }

    /** The endpoint's connection limit (the sites' maxConnections) is reached. */
    public static Rejection connectionLimit(String detail) {
        return new Rejection(503, "ConnLimit", "Service Unavailable", detail);
    }

    /**
     * The host's buffer budget is spent on clients that do not read their answers: HTTP.sys's reason for a
     * connection it refuses when short of memory.
     */
    public static Rejection bufferBudgetSpent(String detail) {
        return new Rejection(503, "Connection_Refused", "Service Unavailable", detail);
    }

    /** No answer: the application abandoned a response it had started. */
    public static Rejection abandoned(String detail) {
        return new Rejection(0, "Connection_Abandoned_By_AppPool", "-", detail);
    }

    /** No answer: the client closed the connection during the exchange. */
    public static Rejection dropped(String detail) {
        return new Rejection(0, "Connection_Dropped", "-", detail);
    }

    /** Thrown inside the parsers to unwind to the decoder, which turns it into a message. */
    public RejectedException toException() {
        return new RejectedException(this);
    }

    /** Carries a {@link Rejection} out of deep parsing code; stackless because it is control flow. */
    public static final class RejectedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Rejection rejection;

        RejectedException(Rejection rejection) {
            super(rejection.status() + " " + rejection.reason() + ": " + rejection.detail(), null, false, false);
            this.rejection = rejection;
        }

        public Rejection rejection() {
            return rejection;
        }
    }
}
