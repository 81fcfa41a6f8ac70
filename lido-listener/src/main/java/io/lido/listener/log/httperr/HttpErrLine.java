package io.lido.listener.log.httperr;

import io.lido.listener.log.ListenerError;
import io.lido.listener.log.w3c.W3cFormat;

/** Formats a {@link ListenerError} as one httperr line, in {@link #FIELDS} order (HTTP.sys's fields). */
final class HttpErrLine {

    static final String FIELDS = "date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status "
            + "s-siteid s-reason s-queuename";

    private HttpErrLine() {
    }

    static String format(ListenerError e) {
        return new StringBuilder(160)
                .append(W3cFormat.dateTime(e.time())).append(' ')
                .append(W3cFormat.value(e.clientIp())).append(' ')
                .append(e.clientPort()).append(' ')
                .append(W3cFormat.value(e.serverIp())).append(' ')
                .append(e.serverPort()).append(' ')
                .append(dash(e.protocol())).append(' ')
                .append(dash(e.method())).append(' ')
                .append(dash(e.url())).append(' ')
                // HTTP.sys writes "-" when no response was sent (a dropped connection).
                .append(e.status() == 0 ? "-" : Integer.toString(e.status())).append(' ')
                .append(e.siteId() == 0 ? "-" : Long.toString(e.siteId())).append(' ')
                .append(dash(e.reason())).append(' ')
                .append(dash(e.queueName()))
                .toString();
    }

    // The contract uses "-" for "not known"; keep it as the empty marker instead of escaping it.
    private static String dash(String value) {
        return "-".equals(value) ? "-" : W3cFormat.value(value);
    }
}
