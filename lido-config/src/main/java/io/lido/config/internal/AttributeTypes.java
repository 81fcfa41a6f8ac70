package io.lido.config.internal;

import io.lido.config.TimeSpans;
import io.lido.config.internal.AttributeType.InvalidValueException;

import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The attribute types of Lido's configuration schema. */
public final class AttributeTypes {
    /** Any text. */
    public static final AttributeType STRING = new Text();
    /** "true" or "false" (any case, as IIS accepts). */
    public static final AttributeType BOOL = new Bool();
    /** An IIS time span, {@code [d.]hh:mm:ss[.fff]}; parses to Duration. */
    public static final AttributeType TIME_SPAN = new Span(null);
    /** Whole seconds or a time span (ASP.NET's TimeSpanSecondsConverter); parses to Duration. */
    public static final AttributeType SECONDS = new Span(ChronoUnit.SECONDS);
    /** Whole minutes or a time span (ASP.NET's TimeSpanMinutesConverter); parses to Duration. */
    public static final AttributeType MINUTES = new Span(ChronoUnit.MINUTES);
    /** A time of day {@code hh:mm:ss}; parses to LocalTime. */
    public static final AttributeType TIME_OF_DAY = new TimeOfDay();

    private AttributeTypes() {
    }

    /** A whole number in {@code min..max}; parses to Integer. */
    public static AttributeType integer(int min, int max) {
        return new Whole(min, max, "", true);
    }

    /** A whole number in {@code min..max}; parses to Long. */
    public static AttributeType longValue(long min, long max) {
        return new Whole(min, max, "", false);
    }

    /** A size in {@code unit} (e.g. "bytes", "KB"), {@code min..max}; parses to Long. */
    public static AttributeType size(long min, long max, String unit) {
        return new Whole(min, max, " " + unit, false);
    }

    /** One of the given names (any case, stored in the spelling given here); parses to String. */
    public static AttributeType enumeration(String... values) {
        return new Choice(List.of(values), false);
    }

    /**
     * The first name of an {@link #enumeration}, or null for any other type: what IIS's configuration system takes
     * for an enumeration attribute that is not written and has no default.
     */
    static String firstChoice(AttributeType type) {
        return type instanceof Choice c && !c.multiple() ? c.values().getFirst() : null;
    }

    /** A comma-separated set of the given flag names ("" allowed); parses to the canonical String. */
    public static AttributeType flags(String... values) {
        return new Choice(List.of(values), true);
    }

    private record Text() implements AttributeType {
        @Override
        public Object parse(String text) {
            return text;
        }

        @Override
        public String allowed() {
            return "any text";
        }
    }

    private record Bool() implements AttributeType {
        @Override
        public Object parse(String text) {
            String t = text.trim();
            if (t.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (t.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
            throw new InvalidValueException("is not a boolean (allowed: true, false)");
        }

        @Override
        public String allowed() {
            return "true, false";
        }
    }

    private record Whole(long min, long max, String unit, boolean asInt) implements AttributeType {
        @Override
        public Object parse(String text) {
            long value;
            try {
                value = Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new InvalidValueException("is not a whole number (allowed: " + allowed() + ")");
            }
            if (value < min || value > max) {
                throw new InvalidValueException("is out of range (allowed: " + allowed() + ")");
            }
            if (asInt) {
                return Integer.valueOf((int) value);
            }
            return Long.valueOf(value);
        }

        @Override
        public String allowed() {
            return min + ".." + max + unit;
        }
    }

    private record Span(ChronoUnit plainNumberUnit) implements AttributeType {
        @Override
        public Object parse(String text) {
            if (plainNumberUnit != null && text.trim().matches("\\d{1,12}")) {
                return Duration.of(Long.parseLong(text.trim()), plainNumberUnit);
            }
            Duration d = TimeSpans.parse(text);
            if (d == null || d.isNegative()) {
                throw new InvalidValueException("is not a time span (allowed: " + allowed() + ")");
            }
            return d;
        }

        @Override
        public String allowed() {
            String span = "[d.]hh:mm:ss[.fff], e.g. 00:20:00";
            return plainNumberUnit == null ? span
                    : "whole " + plainNumberUnit.toString().toLowerCase(Locale.ROOT) + " or " + span;
        }
    }

    private record TimeOfDay() implements AttributeType {
        @Override
        public Object parse(String text) {
            Duration d = TimeSpans.parse(text);
            if (d == null || d.isNegative() || d.compareTo(Duration.ofDays(1)) >= 0) {
                throw new InvalidValueException("is not a time of day (allowed: " + allowed() + ")");
            }
            return LocalTime.ofNanoOfDay(d.toNanos());
        }

        @Override
        public String allowed() {
            return "hh:mm:ss from 00:00:00 to 23:59:59";
        }
    }

    private record Choice(List<String> values, boolean multiple) implements AttributeType {
        @Override
        public Object parse(String text) {
            if (!multiple) {
                return canonical(text.trim());
            }
            List<String> parts = new ArrayList<>();
            for (String part : text.split(",")) {
                if (!part.isBlank()) {
                    parts.add(canonical(part.trim()));
                }
            }
            return String.join(",", parts);
        }

        private String canonical(String value) {
            for (String v : values) {
                if (v.equalsIgnoreCase(value)) {
                    return v;
                }
            }
            throw new InvalidValueException("is not valid (allowed: " + allowed()
                    + (multiple ? ", comma-separated" : "") + ")");
        }

        @Override
        public String allowed() {
            return String.join(", ", values);
        }
    }
}
