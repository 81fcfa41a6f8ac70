package io.lido.ipc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An ordered list of HTTP header fields as they appeared on the wire, with case-insensitive lookup.
 * Names keep their original spelling; duplicates keep their order (RFC 9110 §5.3).
 *
 * <p>Not thread-safe while it is being filled; the listener fills it once and then only reads it.
 */
public final class HeaderList {
    private final List<String> names;
    private final List<String> values;

    public HeaderList() {
        this(8);
    }

    public HeaderList(int expected) {
        names = new ArrayList<>(expected);
        values = new ArrayList<>(expected);
    }

    /** Appends a field. */
    public HeaderList add(String name, String value) {
        names.add(name);
        values.add(value);
        return this;
    }

    /**
     * Replaces every field of that name with one field: the first one keeps its position and takes the
     * new spelling and value, later ones are removed; appended when there is none.
     */
    public HeaderList set(String name, String value) {
        for (int i = 0, n = names.size(); i < n; i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                names.set(i, name);
                values.set(i, value);
                removeFrom(i + 1, name);
                return this;
            }
        }
        return add(name, value);
    }

    /** Removes every field of that name; returns whether any was removed. */
    public boolean remove(String name) {
        return removeFrom(0, name);
    }

    /** Removes the fields of that name at or after {@code from}, moving each kept field once. */
    private boolean removeFrom(int from, String name) {
        int n = names.size();
        int kept = from;
        for (int i = from; i < n; i++) {
            String current = names.get(i);
            if (current.equalsIgnoreCase(name)) {
                continue;
            }
            if (kept != i) {
                names.set(kept, current);
                values.set(kept, values.get(i));
            }
            kept++;
        }
        if (kept == n) {
            return false;
        }
        names.subList(kept, n).clear();
        values.subList(kept, n).clear();
        return true;
    }

    /** The first value of that field, or null. */
    public String get(String name) {
        for (int i = 0, n = names.size(); i < n; i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return values.get(i);
            }
        }
        return null;
    }

    /** Every value of that field, in order. */
    public List<String> getAll(String name) {
        List<String> out = null;
        for (int i = 0, n = names.size(); i < n; i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(values.get(i));
            }
        }
        return out == null ? List.of() : Collections.unmodifiableList(out);
    }

    public boolean contains(String name) {
        return get(name) != null;
    }

    public int size() {
        return names.size();
    }

    public String name(int index) {
        return names.get(index);
    }

    public String value(int index) {
        return values.get(index);
    }

    public void clear() {
        names.clear();
        values.clear();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            sb.append(names.get(i)).append(": ").append(values.get(i)).append('\n');
        }
        return sb.toString();
    }
}
