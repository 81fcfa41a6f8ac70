package io.lido.ipc.state;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Encodes one items map ({@link SessionValueCodec}); one instance per call. */
final class SessionValueWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    byte[] items(Map<String, ?> items) {
        out.write(SessionValueCodec.VERSION);
        writeInt(items.size());
        for (Map.Entry<String, ?> item : items.entrySet()) {
            String key = item.getKey();
            if (key == null) {
                throw new IllegalArgumentException("a session item has a null key; StateServer needs string keys");
            }
            writeString(key);
            value(item.getValue(), key, key, 1);
        }
        return out.toByteArray();
    }

    /** Encodes one value and throws away the bytes: the same rules, the same messages. */
    void check(String key, Object value) {
        value(value, key, key, 1);
    }

    /**
     * @param key   the session key, for messages
     * @param where the path inside the item ({@code cart[2].name}), for messages
     */
    private void value(Object value, String key, String where, int depth) {
        switch (value) {
            case null -> out.write(SessionValueCodec.NULL);
            case String text -> {
                out.write(SessionValueCodec.STRING);
                writeString(text);
            }
            case Boolean flag -> out.write(flag ? SessionValueCodec.TRUE : SessionValueCodec.FALSE);
            case Integer number -> {
                out.write(SessionValueCodec.INT);
                writeInt(number);
            }
            case Long number -> {
                out.write(SessionValueCodec.LONG);
                writeLong(number);
            }
            case Double number -> {
                out.write(SessionValueCodec.DOUBLE);
                writeLong(Double.doubleToRawLongBits(number));
            }
            case byte[] bytes -> {
                out.write(SessionValueCodec.BYTES);
                writeInt(bytes.length);
                out.writeBytes(bytes);
            }
            case Instant instant -> {
                out.write(SessionValueCodec.INSTANT);
                writeLong(instant.getEpochSecond());
                writeInt(instant.getNano());
            }
            case List<?> list -> {
                nest(key, where, depth);
                out.write(SessionValueCodec.LIST);
                writeInt(list.size());
                int index = 0;
                for (Object element : list) {
                    value(element, key, where + "[" + index++ + "]", depth + 1);
                }
            }
            case Map<?, ?> map -> {
                nest(key, where, depth);
                out.write(SessionValueCodec.MAP);
                writeInt(map.size());
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (!(entry.getKey() instanceof String name)) {
                        throw new IllegalArgumentException("session value '" + key + "' has a map key of type "
                                + typeName(entry.getKey()) + " at " + where + "; StateServer maps need String keys");
                    }
                    writeString(name);
                    value(entry.getValue(), key, where + "." + name, depth + 1);
                }
            }
            default -> throw new IllegalArgumentException("session value '" + key + "'"
                    + (where.equals(key) ? "" : " (at " + where + ")") + " of type " + value.getClass().getName()
                    + " cannot be stored by StateServer; allowed: " + SessionValueCodec.ALLOWED);
        }
    }

    private static void nest(String key, String where, int depth) {
        if (depth > SessionValueCodec.MAX_DEPTH) {
            throw new IllegalArgumentException("session value '" + key + "' nests lists and maps more than "
                    + SessionValueCodec.MAX_DEPTH + " levels deep (at " + where + "; a list containing itself?)");
        }
    }

    private static String typeName(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }

    private void writeString(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        writeInt(bytes.length);
        out.writeBytes(bytes);
    }

    private void writeInt(int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    private void writeLong(long value) {
        writeInt((int) (value >>> 32));
        writeInt((int) value);
    }
}
