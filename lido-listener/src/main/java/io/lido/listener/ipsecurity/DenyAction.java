package io.lido.listener.ipsecurity;

import java.util.Locale;

/**
 * What a denied client gets, IIS's {@code denyAction}: an answer with status 401, 403 (the default) or 404,
 * or the connection closed without an answer ({@code AbortRequest}).
 */
public enum DenyAction {
    ABORT_REQUEST(403, "Forbidden"),
    UNAUTHORIZED(401, "Unauthorized"),
    FORBIDDEN(403, "Forbidden"),
    NOT_FOUND(404, "Not Found");

    private final int status;
    private final String title;

    DenyAction(int status, String title) {
        this.status = status;
        this.title = title;
    }

    /** The status sent (and, for AbortRequest, the one logged: the client gets nothing). */
    public int status() {
        return status;
    }

    String title() {
        return title;
    }

    /** Parses the configured value (validated by the schema: AbortRequest, Unauthorized, Forbidden, NotFound). */
    static DenyAction parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "abortrequest" -> ABORT_REQUEST;
            case "unauthorized" -> UNAUTHORIZED;
            case "notfound" -> NOT_FOUND;
            default -> FORBIDDEN;
        };
    }
}
