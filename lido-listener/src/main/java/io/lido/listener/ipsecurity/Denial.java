package io.lido.listener.ipsecurity;

/**
 * Why and how a request is denied: the action and IIS 8's sub-status.
 *
 * @param action    what the client gets
 * @param subStatus 501 concurrent requests, 502 request rate, 503 IP address rejected
 * @param detail    what exactly happened, for Lido's debug log
 */
public record Denial(DenyAction action, int subStatus, String detail) {
    /** {@code denyByConcurrentRequests}. */
    public static final int CONCURRENT_REQUESTS = 501;
    /** {@code denyByRequestRate}. */
    public static final int REQUEST_RATE = 502;
    /** {@code ipSecurity}: the address is denied, or unlisted with {@code allowUnlisted="false"}. */
    public static final int IP_ADDRESS = 503;

    public int status() {
        return action.status();
    }

    /**
     * The title of the error page. Only a 403 says why: an administrator who chose NotFound or Unauthorized
     * wants the client not to learn that it was blocked.
     */
    public String title() {
        if (action != DenyAction.FORBIDDEN) {
            return action.title();
        }
        return switch (subStatus) {
            case CONCURRENT_REQUESTS -> "Forbidden - Too many concurrent requests from the same client IP";
            case REQUEST_RATE -> "Forbidden - Too many requests from the same client IP";
            default -> "Forbidden - The IP address of the client is not allowed";
        };
    }

    /** The sub-status the page shows: 0 unless the answer is a 403 (see {@link #title()}). */
    public int pageSubStatus() {
        return action == DenyAction.FORBIDDEN ? subStatus : 0;
    }
}
