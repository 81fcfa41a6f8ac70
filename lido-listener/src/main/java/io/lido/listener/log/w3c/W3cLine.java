package io.lido.listener.log.w3c;

import io.lido.listener.log.AccessRecord;

/** Formats an {@link AccessRecord} as one line with IIS's default W3C fields, in {@link #FIELDS} order. */
final class W3cLine {

    /** IIS's default {@code logExtFileFlags}, in the order IIS writes them. */
    static final String FIELDS = "date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip "
            + "cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken";

    private W3cLine() {
    }

    static String format(AccessRecord r) {
        return new StringBuilder(192)
                .append(W3cFormat.dateTime(r.time())).append(' ')
                .append(W3cFormat.value(r.serverIp())).append(' ')
                .append(W3cFormat.value(r.method())).append(' ')
                .append(W3cFormat.value(r.uriStem())).append(' ')
                .append(W3cFormat.value(r.uriQuery())).append(' ')
                .append(r.serverPort()).append(' ')
                .append(W3cFormat.value(r.username())).append(' ')
                .append(W3cFormat.value(r.clientIp())).append(' ')
                .append(W3cFormat.value(r.userAgent())).append(' ')
                .append(W3cFormat.value(r.referer())).append(' ')
                .append(r.status()).append(' ')
                .append(r.subStatus()).append(' ')
                .append(r.win32Status()).append(' ')
                .append(r.timeTakenMs())
                .toString();
    }
}
