package io.lido.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IIS / .NET time spans: {@code [-][d.]hh:mm:ss[.fffffff]}. Like .NET's TimeSpan parser, hours may
 * exceed 23 when no day part is written ({@code 29:00:00} is IIS's recycling default); minutes and
 * seconds stay below 60. "Infinite" is the .NET spelling of no limit. {@link #format} writes a duration
 * the same way, so that Lido's messages speak of a setting as the configuration spells it
 * ({@code 00:01:30}, not {@code PT1M30S}).
 */
public final class TimeSpans {
    /** What "Infinite" parses to. */
    public static final Duration INFINITE = ChronoUnit.FOREVER.getDuration();

    private static final Pattern SPAN = Pattern.compile(
            "(-)?(?:(\\d{1,8})\\.)?(\\d{1,9}):(\\d{1,2}):(\\d{1,2})(?:\\.(\\d{1,7}))?");

    private TimeSpans() {
    }

    /** Parses a time span, or returns null when the text is not one. */
    public static Duration parse(String text) {
        String trimmed = text.trim();
        if (trimmed.equalsIgnoreCase("Infinite")) {
            return INFINITE;
        }
        Matcher m = SPAN.matcher(trimmed);
        if (!m.matches()) {
            return null;
        }
        long days = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
        long hours = Long.parseLong(m.group(3));
        int minutes = Integer.parseInt(m.group(4));
        int seconds = Integer.parseInt(m.group(5));
        if (minutes > 59 || seconds > 59 || (m.group(2) != null && hours > 23)) {
            return null;
        }
        long nanos = 0;
        if (m.group(6) != null) {
            String fraction = (m.group(6) + "000000000").substring(0, 9);
            nanos = Long.parseLong(fraction);
        }
        Duration d = Duration.ofDays(days).plusHours(hours).plusMinutes(minutes).plusSeconds(seconds).plusNanos(nanos);
        return m.group(1) != null ? d.negated() : d;
    }

    /**
     * The duration as .NET's constant format writes a TimeSpan ({@code [-][d.]hh:mm:ss[.fffffff]}), with the
     * fraction's trailing zeros left out ({@code 00:00:00.25}); {@link #INFINITE} is "Infinite". What it writes,
     * {@link #parse} reads back to the same duration (to 100 ns, a TimeSpan tick).
     */
    public static String format(Duration duration) {
        if (duration.equals(INFINITE)) {
            return "Infinite";
        }
        StringBuilder out = new StringBuilder(16);
        Duration d = duration;
        if (d.isNegative()) {
            out.append('-');
            d = d.negated();
        }
        long days = d.toDays();
        if (days > 0) {
            out.append(days).append('.');
        }
        twoDigits(out, d.toHoursPart()).append(':');
        twoDigits(out, d.toMinutesPart()).append(':');
        twoDigits(out, d.toSecondsPart());
        int ticks = d.toNanosPart() / 100;
        if (ticks > 0) {
            String fraction = String.format(Locale.ROOT, "%07d", ticks).replaceFirst("0+$", "");
            out.append('.').append(fraction);
        }
        return out.toString();
    }

    private static StringBuilder twoDigits(StringBuilder out, int value) {
        return out.append(value < 10 ? "0" : "").append(value);
    }
}
