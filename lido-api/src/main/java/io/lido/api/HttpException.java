package io.lido.api;

/**
 * An error that carries the HTTP status (and IIS sub-status) to answer with. Throwing it from a handler
 * or module produces that status instead of 500.
 */
public class HttpException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final int subStatus;

    public HttpException(int status, String message) {
        this(status, 0, message, null);
    }

    public HttpException(int status, int subStatus, String message) {
        this(status, subStatus, message, null);
    }

    public HttpException(int status, int subStatus, String message, Throwable cause) {
        super(message, cause);
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status out of range: " + status);
        }
        this.status = status;
        this.subStatus = subStatus;
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }

    /** The IIS sub-status (e.g. 3 in 404.3), 0 when none. */
    public int subStatus() {
        return subStatus;
    }
}
