package io.lido.ipc;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP-date (RFC 9110 §5.6.7): formats IMF-fixdate and parses all three forms a recipient must accept.
 * The one date formatter of the server: the listener's {@code Date} header, the static file handler's
 * {@code Last-Modified} and conditional requests all use it.
 */
public final class HttpDates {
    // IMF-fixdate needs a two-digit day; DateTimeFormatter.RFC_1123_DATE_TIME writes "1 Jan", so it is not used.
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final List<DateTimeFormatter> ACCEPTED = List.of(
            IMF_FIXDATE,
            rfc850(),
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC));

    private HttpDates() {
    }

    /**
     * The obsolete RFC 850 form. Its two-digit year is read as the most recent year with those digits
     * that is not more than 50 years ahead (RFC 9110 §5.6.7).
     */
    private static DateTimeFormatter rfc850() {
        return new DateTimeFormatterBuilder()
                .appendPattern("EEEE, dd-MMM-")
                .appendValueReduced(ChronoField.YEAR, 2, 2, LocalDate.now(ZoneOffset.UTC).minusYears(49))
                .appendPattern(" HH:mm:ss 'GMT'")
                .toFormatter(Locale.US)
                .withZone(ZoneOffset.UTC);
    }

    /** The IMF-fixdate for an instant, truncated to the second, e.g. {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
    public static String format(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }

    /**
     * Parses an HTTP-date. An invalid value gives empty: RFC 9110 §13.1.3/§13.1.4 say a recipient
     * ignores a conditional header whose value is not a valid HTTP-date, so this is not an error.
     */
    public static Optional<Instant> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String text = value.strip();
        for (DateTimeFormatter format : ACCEPTED) {
            try {
                return Optional.of(format.parse(text, Instant::from));
            } catch (DateTimeParseException notThisForm) {
                // try the next of the three forms RFC 9110 allows
            }
        }
        return Optional.empty();
    }
}
