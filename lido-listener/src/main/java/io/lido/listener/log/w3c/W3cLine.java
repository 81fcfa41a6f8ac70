package io.lido.listener.log.w3c;

import io.lido.listener.log.AccessRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Formats an {@link AccessRecord} as one line with IIS's default W3C fields, in {@link #FIELDS} order,
 * straight into bytes. One instance per log writer thread: the line buffer and the date of the current
 * second are reused from line to line.
 */
final class W3cLine {

    /** IIS's default {@code logExtFileFlags}, in the order IIS writes them. */
    static final String FIELDS = "date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip "
            + "cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken";
    /** The fields from s-ip to time-taken, numbered from 0 by {@link #text} and {@link #number}. */
    private static final int FIELDS_AFTER_TIME = 13;

    private final LineBuffer line = new LineBuffer();
    private long second = Long.MIN_VALUE;
    private byte[] dateTime;

    /** The line for {@code r}, without its line end; the buffer is reused by the next call. */
    LineBuffer format(AccessRecord r) {
        line.clear().ascii(dateTime(r.time()));
        // One loop rather than thirteen calls: the compiled code then holds one copy of value() and of
        // number(), not one per field, which keeps the JIT's work at warm-up small.
        for (int field = 0; field < FIELDS_AFTER_TIME; field++) {
            line.ascii(' ');
            if (numeric(field)) {
                line.number(number(r, field));
            } else {
                line.value(text(r, field));
            }
        }
        return line;
    }

    // s-port and sc-status sc-substatus sc-win32-status time-taken are numbers; the rest is text.
    private static boolean numeric(int field) {
        return field == 4 || field >= 9;
    }

    private static String text(AccessRecord r, int field) {
        return switch (field) {
            case 0 -> r.serverIp();
            case 1 -> r.method();
            case 2 -> r.uriStem();
            case 3 -> r.uriQuery();
            case 5 -> r.username();
            case 6 -> r.clientIp();
            case 7 -> r.userAgent();
            case 8 -> r.referer();
            default -> throw new IllegalArgumentException("field " + field + " is a number");
        };
    }

    private static long number(AccessRecord r, int field) {
        return switch (field) {
            case 4 -> r.serverPort();
            case 9 -> r.status();
            case 10 -> r.subStatus();
            case 11 -> r.win32Status();
            case 12 -> r.timeTakenMs();
            default -> throw new IllegalArgumentException("field " + field + " is text");
        };
    }

    // A busy log writes thousands of lines a second that share these bytes.
    private byte[] dateTime(Instant time) {
        long epochSecond = time.getEpochSecond();
        if (epochSecond != second) {
            dateTime = W3cFormat.dateTime(time).getBytes(StandardCharsets.US_ASCII);
            second = epochSecond;
        }
        return dateTime;
    }
}
