package io.lido.ipc.state;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The safe binary format of session items in StateServer mode (docs/session-state.md, "Session value format").
 * Only these values are accepted, at any nesting depth up to {@link #MAX_DEPTH}: {@code null}, {@link String},
 * {@link Boolean}, {@link Integer}, {@link Long}, {@link Double}, {@code byte[]}, {@link Instant}, and
 * {@link List}s and {@link Map}s with {@link String} keys of those. Nothing is ever decoded into an arbitrary
 * class: the decoder only builds JDK value types, {@link java.util.ArrayList} and {@link java.util.LinkedHashMap}.
 *
 * <p>Layout: a version byte ({@value #VERSION}), an item count, then per item a string key and a value. A value
 * is a one-byte tag followed by its data; integers are big-endian, strings and byte arrays a 4-byte length and
 * the bytes (strings UTF-8), an instant 8 bytes of epoch seconds and 4 of nanoseconds, a list a count and its
 * values, a map a count and (string key, value) pairs.
 *
 * <p>Thread-safe (stateless).
 */
public final class SessionValueCodec {
    /** The format version written first; a decoder refuses any other. */
    public static final int VERSION = 1;
    /** How deep lists and maps may nest (the items map itself is level 0). */
    public static final int MAX_DEPTH = 32;
    /** What an error message lists as allowed. */
    static final String ALLOWED = "null, String, Boolean, Integer, Long, Double, byte[], java.time.Instant, "
            + "and List or Map<String, ?> of those";

    static final int NULL = 0;
    static final int STRING = 1;
    static final int FALSE = 2;
    static final int TRUE = 3;
    static final int INT = 4;
    static final int LONG = 5;
    static final int DOUBLE = 6;
    static final int BYTES = 7;
    static final int INSTANT = 8;
    static final int LIST = 9;
    static final int MAP = 10;

    private SessionValueCodec() {
    }

    /**
     * Encodes a session's items.
     *
     * @throws IllegalArgumentException naming the session key, where inside it, and the class, when a value is
     *                                  not one of the allowed types or nests too deep
     */
    public static byte[] encode(Map<String, ?> items) {
        return new SessionValueWriter().items(items);
    }

    /**
     * Checks that one session value could be stored, so that {@code Session.set} fails at once rather than at the
     * end of the request.
     *
     * @throws IllegalArgumentException as {@link #encode} would, naming {@code key}
     */
    public static void check(String key, Object value) {
        new SessionValueWriter().check(key, value);
    }

    /**
     * Decodes what {@link #encode} wrote into a new mutable map (insertion order kept).
     *
     * @throws IllegalArgumentException when the bytes are not a well-formed encoding (lengths and counts are
     *                                  checked against what is left, nesting against {@link #MAX_DEPTH})
     */
    public static Map<String, Object> decode(byte[] data) {
        return new SessionValueReader(data).items();
    }
}
