package io.lido.ipc.state;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes one items map ({@link SessionValueCodec}). The input is untrusted: every count and length is checked
 * against the bytes left before anything is allocated, so a lying length cannot make it allocate more than the
 * input's size, and nesting is bounded.
 */
final class SessionValueReader {
    private final ByteBuffer in;

    SessionValueReader(byte[] data) {
        this.in = ByteBuffer.wrap(data);
    }

    Map<String, Object> items() {
        try {
            int version = in.get() & 0xff;
            if (version != SessionValueCodec.VERSION) {
                throw malformed("format version " + version + " (expected " + SessionValueCodec.VERSION + ")");
            }
            Map<String, Object> items = map(0);
            if (in.hasRemaining()) {
                throw malformed(in.remaining() + " bytes after the last item");
            }
            return items;
        } catch (BufferUnderflowException e) {
            throw malformed("the data ends early");
        }
    }

    private Object value(int depth) {
        int tag = in.get() & 0xff;
        return switch (tag) {
            case SessionValueCodec.NULL -> null;
            case SessionValueCodec.STRING -> string();
            case SessionValueCodec.FALSE -> Boolean.FALSE;
            case SessionValueCodec.TRUE -> Boolean.TRUE;
            case SessionValueCodec.INT -> in.getInt();
            case SessionValueCodec.LONG -> in.getLong();
            case SessionValueCodec.DOUBLE -> Double.longBitsToDouble(in.getLong());
            case SessionValueCodec.BYTES -> {
                byte[] bytes = new byte[length(1)];
                in.get(bytes);
                yield bytes;
            }
            case SessionValueCodec.INSTANT -> instant();
            case SessionValueCodec.LIST -> list(depth + 1);
            case SessionValueCodec.MAP -> map(depth + 1);
            default -> throw malformed("unknown value tag " + tag + " at byte " + (in.position() - 1));
        };
    }

    private Instant instant() {
        long seconds = in.getLong();
        int nanos = in.getInt();
        if (nanos < 0 || nanos > 999_999_999) {
            throw malformed("instant with " + nanos + " nanoseconds");
        }
        try {
            return Instant.ofEpochSecond(seconds, nanos);
        } catch (DateTimeException e) {
            throw malformed("instant out of range: " + e.getMessage());
        }
    }

    private List<Object> list(int depth) {
        checkDepth(depth);
        // Every element takes at least its tag byte.
        int count = length(1);
        List<Object> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(value(depth));
        }
        return list;
    }

    private Map<String, Object> map(int depth) {
        checkDepth(depth);
        // Every entry takes at least a key length and a tag.
        int count = length(5);
        Map<String, Object> map = LinkedHashMap.newLinkedHashMap(count);
        for (int i = 0; i < count; i++) {
            String key = string();
            if (map.containsKey(key)) {
                throw malformed("key '" + key + "' appears twice");
            }
            map.put(key, value(depth));
        }
        return map;
    }

    private void checkDepth(int depth) {
        if (depth > SessionValueCodec.MAX_DEPTH) {
            throw malformed("lists and maps nest more than " + SessionValueCodec.MAX_DEPTH + " levels deep");
        }
    }

    private String string() {
        byte[] bytes = new byte[length(1)];
        in.get(bytes);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw malformed("a string is not valid UTF-8");
        }
    }

    /**
     * Reads a count or length and checks that what it announces can be in the bytes left.
     *
     * @param bytesEach the fewest bytes one counted thing takes
     */
    private int length(int bytesEach) {
        int at = in.position();
        int length = in.getInt();
        if (length < 0 || (long) length * bytesEach > in.remaining()) {
            throw malformed("length " + length + " at byte " + at + " but " + in.remaining() + " bytes left");
        }
        return length;
    }

    private static IllegalArgumentException malformed(String why) {
        return new IllegalArgumentException("malformed session data: " + why);
    }
}
