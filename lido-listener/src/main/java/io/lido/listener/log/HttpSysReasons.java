package io.lido.listener.log;

import java.util.Set;

/**
 * The {@code s-reason} vocabulary of HTTP.sys's httperr log (learn.microsoft.com, "Error logging in
 * HTTP APIs") that Lido writes: one token per line, so tools that split httperr lines on spaces, as
 * they do for HTTP.sys's, read it. What exactly went wrong goes to Lido's own log instead.
 */
public final class HttpSysReasons {
    /** Every reason Lido writes, each as HTTP.sys spells it. */
    public static final Set<String> VOCABULARY = Set.of(
            // the listener: parsing, routing and limits
            "BadRequest", "Header", "Hostname", "URL", "URL_Length", "Verb", "FieldLength", "RequestLength",
            "EntityTooLarge", "Version_N/S", "N/I", "NotFound", "Internal", "ConnLimit",
            "Connection_Refused",
            // the listener: connections
            "Timer_ConnectionIdle", "Timer_HeaderWait", "Timer_EntityBody", "Timer_MinBytesPerSecond",
            "Timer_DrainEntityBody",
            "Connection_Dropped", "Connection_Abandoned_By_AppPool",
            // the application pools (what WAS makes HTTP.sys answer)
            "QueueFull", "AppOffline", "AppPoolTimer", "Timer_AppPool", "AppShutdown", "Disabled",
            "Connection_Abandoned_By_ReqQueue");

    private HttpSysReasons() {
    }

    /**
     * The reason as one token: a reason with anything after its first space or tab (a detail some
     * caller appended) keeps its first word, so a line always has HTTP.sys's field count.
     */
    public static String token(String reason) {
        if (reason == null || reason.isEmpty()) {
            return "-";
        }
        for (int i = 0; i < reason.length(); i++) {
            if (Character.isWhitespace(reason.charAt(i))) {
                return i == 0 ? "-" : reason.substring(0, i);
            }
        }
        return reason;
    }
}
