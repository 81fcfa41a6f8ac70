package io.lido.listener.log.w3c;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Properties;

/**
 * Text rules of the W3C extended log format as IIS applies them: one line per entry, fields separated by
 * single spaces, {@code -} for an empty value, dates and times in UTC, and a {@code #Software},
 * {@code #Version}, {@code #Date}, {@code #Fields} header block at the top of each file.
 */
public final class W3cFormat {

    /** The {@code #Software} value, e.g. "Lido 0.1.0". */
    public static final String SOFTWARE = "Lido " + version();

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private W3cFormat() {
    }

    /**
     * One field value, safe to put between spaces on one line: {@code null} or empty becomes {@code -},
     * a space becomes {@code +} (IIS writes user agents that way), and anything that could break the line
     * or confuse a reader that honours W3C quoted strings (control characters such as CR, LF and TAB,
     * Unicode line separators, {@code "} and a value of just {@code -}) is percent-encoded as UTF-8.
     */
    public static String value(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "-";
        }
        if (raw.equals("-")) {
            // A literal "-" would read as "no value".
            return "%2D";
        }
        StringBuilder out = null;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            String replacement = replacement(c);
            if (replacement != null && out == null) {
                out = new StringBuilder(raw.length() + 16).append(raw, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? raw : out.toString();
    }

    private static String replacement(char c) {
        if (c == ' ') {
            return "+";
        }
        if (percentEncoded(c)) {
            return percent(c);
        }
        if (percentEncodedAsUtf8(c)) {
            return percentUtf8(c);
        }
        return null;
    }

    /** Whether {@link #value} writes {@code c} as one {@code %XX}: the quote, C0 controls and DEL. */
    static boolean percentEncoded(char c) {
        return c == '"' || c < 0x20 || c == 0x7F;
    }

    /**
     * Whether {@link #value} writes {@code c} as its UTF-8 bytes, each as {@code %XX}: NEL (U+0085) and the
     * other C1 controls, LINE SEPARATOR and PARAGRAPH SEPARATOR, which end a line for some readers.
     */
    static boolean percentEncodedAsUtf8(char c) {
        return (c >= 0x80 && c < 0xA0) || c == 0x2028 || c == 0x2029;
    }

    private static String percent(int b) {
        return new String(new char[] {'%', HEX[(b >> 4) & 0xF], HEX[b & 0xF]});
    }

    private static String percentUtf8(char c) {
        StringBuilder sb = new StringBuilder();
        for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
            sb.append(percent(b & 0xFF));
        }
        return sb.toString();
    }

    private record Second(long epochSecond, String dateTime) {
    }

    private static volatile Second lastSecond = new Second(Long.MIN_VALUE, "");

    /**
     * The {@code date} and {@code time} fields with the space between them. Formatted once per second:
     * a busy log writes thousands of lines that share it, and DateTimeFormatter is the dearest part of a line.
     */
    public static String dateTime(Instant time) {
        long second = time.getEpochSecond();
        Second last = lastSecond;
        if (last.epochSecond() != second) {
            last = new Second(second, date(time) + " " + time(time));
            lastSecond = last;
        }
        return last.dateTime();
    }

    /** The {@code date} field: {@code yyyy-MM-dd} in UTC. */
    public static String date(Instant time) {
        return DATE.format(time);
    }

    /** The {@code time} field: {@code HH:mm:ss} in UTC. */
    public static String time(Instant time) {
        return TIME.format(time);
    }

    /**
     * The header block IIS writes whenever it opens a log file.
     *
     * @param created when the file was opened (the {@code #Date} directive)
     * @param fields  the {@code #Fields} directive, space separated
     */
    public static List<String> header(Instant created, String fields) {
        return List.of(
                "#Software: " + SOFTWARE,
                "#Version: 1.0",
                "#Date: " + date(created) + " " + time(created),
                "#Fields: " + fields);
    }

    private static String version() {
        // The jar carries Maven's pom.properties; classes run from target/classes in tests do not.
        try (InputStream in = W3cFormat.class.getResourceAsStream(
                "/META-INF/maven/io.lido/lido-listener/pom.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version");
                if (version != null && !version.isBlank()) {
                    return version;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read lido-listener pom.properties", e);
        }
        String implementation = W3cFormat.class.getPackage().getImplementationVersion();
        return implementation == null ? "dev" : implementation;
    }
}
