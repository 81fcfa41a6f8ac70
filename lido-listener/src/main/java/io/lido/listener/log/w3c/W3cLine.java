package io.lido.listener.log.w3c;

import io.lido.listener.log.AccessRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Formats an {@link AccessRecord} as one line with the W3C fields of its site ({@link W3cFields}, IIS's
 * {@code logExtFileFlags}), straight into bytes. One instance per log writer thread: the line buffer and
 * the date and time of the current second are reused from line to line.
 */
final class W3cLine {

    /** IIS's default fields, as their {@code #Fields} directive. */
    static final W3cFields DEFAULT = W3cFields.of(W3cFields.DEFAULT_FLAGS, 1);
    /** IIS's default {@code logExtFileFlags}, in the order IIS writes them. */
    static final String FIELDS = DEFAULT.names();

    private final LineBuffer line = new LineBuffer();
    private long second = Long.MIN_VALUE;
    private byte[] date;
    private byte[] time;

    /** The line for {@code r} with IIS's default fields. */
    LineBuffer format(AccessRecord r) {
        return format(r, DEFAULT);
    }

    /** The line for {@code r} with {@code fields}, without its line end; the buffer is reused by the next call. */
    LineBuffer format(AccessRecord r, W3cFields fields) {
        line.clear();
        int[] numbers = fields.fields();
        // One loop over field numbers: the compiled code holds one copy of value() and of number().
        for (int i = 0; i < numbers.length; i++) {
            if (i > 0) {
                line.ascii(' ');
            }
            int field = numbers[i];
            if (field <= W3cFields.TIME) {
                dateTime(r.time());
                line.ascii(field == W3cFields.DATE ? date : time);
            } else if (numeric(field)) {
                line.number(number(r, field));
            } else {
                line.value(text(r, fields, field));
            }
        }
        return line;
    }

    // s-port, sc-status, sc-substatus, sc-win32-status, sc-bytes, cs-bytes and time-taken are numbers.
    private static boolean numeric(int field) {
        return field == 8 || field >= 16;
    }

    private static String text(AccessRecord r, W3cFields fields, int field) {
        return switch (field) {
            case 2 -> fields.siteName();
            case 3 -> fields.computerName();
            case 4 -> r.serverIp();
            case 5 -> r.method();
            case 6 -> r.uriStem();
            case 7 -> r.uriQuery();
            case 9 -> r.username();
            case 10 -> r.clientIp();
            case 11 -> r.protocolVersion();
            case 12 -> r.userAgent();
            case 14 -> r.referer();
            case 15 -> r.host();
            default -> throw new IllegalArgumentException("field " + field + " is not text");
        };
    }

    private static long number(AccessRecord r, int field) {
        return switch (field) {
            case 8 -> r.serverPort();
            case 16 -> r.status();
            case 17 -> r.subStatus();
            case 18 -> r.win32Status();
            case 19 -> r.bytesSent();
            case 20 -> r.bytesReceived();
            case 21 -> r.timeTakenMs();
            default -> throw new IllegalArgumentException("field " + field + " is not a number");
        };
    }

    // A busy log writes thousands of lines a second that share these bytes.
    private void dateTime(Instant at) {
        long epochSecond = at.getEpochSecond();
        if (epochSecond != second) {
            String both = W3cFormat.dateTime(at);
            int space = both.indexOf(' ');
            date = both.substring(0, space).getBytes(StandardCharsets.US_ASCII);
            time = both.substring(space + 1).getBytes(StandardCharsets.US_ASCII);
            second = epochSecond;
        }
    }
}
