package io.lido.listener.log.w3c;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.time.temporal.WeekFields;
import java.util.Locale;

/**
 * IIS's {@code logFile/@period}: when a new file starts, and the file name for an instant. Periods roll
 * over in UTC, IIS's default ({@code localTimeRollover="false"}). MaxSize files are numbered
 * ({@code u_extend1.log}, ...) and roll over on size, not time.
 */
public enum LogPeriod {
    /** {@code u_exYYMMDD.log}. */
    DAILY("yyMMdd"),
    /** {@code u_exYYMMDDHH.log}. */
    HOURLY("yyMMddHH"),
    /** {@code u_exYYMMWW.log}, WW the week of the month, weeks starting on Sunday as IIS counts them. */
    WEEKLY("yyMM"),
    /** {@code u_exYYMM.log}. */
    MONTHLY("yyMM"),
    /** {@code u_extendN.log}, a new N when the file exceeds the size limit. */
    MAX_SIZE(null);

    private static final WeekFields IIS_WEEKS = WeekFields.of(DayOfWeek.SUNDAY, 1);

    private final DateTimeFormatter stamp;

    LogPeriod(String pattern) {
        this.stamp = pattern == null ? null : DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
    }

    /**
     * The period for an IIS {@code period} attribute value (case-insensitive: Daily, Hourly, Weekly,
     * Monthly, MaxSize).
     *
     * @throws IllegalArgumentException naming the value and the allowed ones
     */
    public static LogPeriod parse(String value) {
        return switch (value == null ? "" : value.toLowerCase(Locale.ROOT)) {
            case "daily" -> DAILY;
            case "hourly" -> HOURLY;
            case "weekly" -> WEEKLY;
            case "monthly" -> MONTHLY;
            case "maxsize" -> MAX_SIZE;
            default -> throw new IllegalArgumentException("logFile period \"" + value
                    + "\" is not one of Daily, Hourly, Weekly, Monthly, MaxSize");
        };
    }

    /** The time-based part of the file name, e.g. "261121" for Daily; "" for MaxSize. */
    private String stamp(Instant time) {
        if (stamp == null) {
            return "";
        }
        ZonedDateTime utc = time.atZone(ZoneOffset.UTC);
        String text = stamp.format(utc);
        if (this == WEEKLY) {
            text += String.format(Locale.ROOT, "%02d", utc.get(IIS_WEEKS.weekOfMonth()));
        }
        return text;
    }

    /**
     * When the period holding {@code time} ends and the next file starts (UTC). A week also ends at the
     * end of its month, because the week number counts within the month. MaxSize never ends by time.
     */
    public Instant nextStart(Instant time) {
        ZonedDateTime utc = time.atZone(ZoneOffset.UTC);
        ZonedDateTime day = utc.truncatedTo(ChronoUnit.DAYS);
        ZonedDateTime month = day.withDayOfMonth(1).plusMonths(1);
        return switch (this) {
            case DAILY -> day.plusDays(1).toInstant();
            case HOURLY -> utc.truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant();
            case MONTHLY -> month.toInstant();
            case WEEKLY -> {
                ZonedDateTime sunday = day.with(TemporalAdjusters.next(DayOfWeek.SUNDAY));
                yield (sunday.isBefore(month) ? sunday : month).toInstant();
            }
            case MAX_SIZE -> Instant.MAX;
        };
    }

    /** The file name for a time-based period, e.g. {@code u_ex261121.log}. */
    public String fileName(Instant time) {
        if (this == MAX_SIZE) {
            throw new IllegalStateException("MaxSize log files are numbered, not dated");
        }
        return "u_ex" + stamp(time) + ".log";
    }
}
