package io.lido.modules.staticfile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A Range request for a file (RFC 9110 §14.1.2), reduced to what the handler does with it: serve the
 * whole file, one range, several ranges as multipart/byteranges, or answer 416.
 */
sealed interface ByteRange {

    /**
     * At most this many ranges are served as parts; more (or overlapping ones) get the whole file, so a
     * request cannot make the server send a file many times over (RFC 9110 §17.15).
     */
    int MAX_PARTS = 16;

    /** No usable Range: absent, another unit, malformed, too many or overlapping ranges. */
    record Whole() implements ByteRange {
    }

    /** One range, inclusive bounds, already clamped to the file. */
    record Satisfiable(long first, long last) implements ByteRange {
        long length() {
            return last - first + 1;
        }
    }

    /** Several satisfiable ranges that do not overlap, in the order the client asked for them. */
    record Multiple(List<Satisfiable> parts) implements ByteRange {
    }

    /** No range-spec is satisfiable (each starts beyond the end of the file, or is a zero-length suffix). */
    record Unsatisfiable() implements ByteRange {
    }

    /** Interprets a Range field value for a file of {@code size} bytes. */
    static ByteRange parse(String fieldValue, long size) {
        if (fieldValue == null) {
            return new Whole();
        }
        String value = fieldValue.strip();
        if (value.length() < 6 || !value.regionMatches(true, 0, "bytes=", 0, 6)) {
            return new Whole();
        }
        List<Satisfiable> satisfiable = new ArrayList<>();
        for (String spec : value.substring(6).split(",", -1)) {
            ByteRange one = parseSpec(spec.strip(), size);
            if (one instanceof Whole) {
                return one; // one malformed spec makes the whole field invalid, so it is ignored
            }
            if (one instanceof Satisfiable part) {
                satisfiable.add(part);
            }
        }
        if (satisfiable.isEmpty()) {
            return new Unsatisfiable();
        }
        if (satisfiable.size() == 1) {
            return satisfiable.getFirst();
        }
        if (satisfiable.size() > MAX_PARTS || overlap(satisfiable)) {
            return new Whole();
        }
        return new Multiple(List.copyOf(satisfiable));
    }

    private static ByteRange parseSpec(String spec, long size) {
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Whole();
        }
        String firstText = spec.substring(0, dash).strip();
        String lastText = spec.substring(dash + 1).strip();
        if (firstText.isEmpty()) {
            return suffix(lastText, size);
        }
        long first = digits(firstText);
        long last = lastText.isEmpty() ? Long.MAX_VALUE : digits(lastText);
        if (first < 0 || last < 0 || last < first) {
            return new Whole();
        }
        if (first >= size) {
            return new Unsatisfiable();
        }
        return new Satisfiable(first, Math.min(last, size - 1));
    }

    private static ByteRange suffix(String lengthText, long size) {
        long length = digits(lengthText);
        if (length < 0) {
            return new Whole();
        }
        if (length == 0 || size == 0) {
            return new Unsatisfiable();
        }
        return new Satisfiable(Math.max(0, size - length), size - 1);
    }

    private static boolean overlap(List<Satisfiable> parts) {
        List<Satisfiable> sorted = new ArrayList<>(parts);
        sorted.sort(Comparator.comparingLong(Satisfiable::first));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).first() <= sorted.get(i - 1).last()) {
                return true;
            }
        }
        return false;
    }

    /** The value of a non-empty run of ASCII digits, Long.MAX_VALUE when it overflows, -1 when not digits. */
    private static long digits(String text) {
        if (text.isEmpty()) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            if (value > (Long.MAX_VALUE - (c - '0')) / 10) {
                return Long.MAX_VALUE;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
