package samples.lib;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Version 1 of the greeting library. Version 2 has the same class name and methods but answers
 * "v2": an application that sees the wrong copy shows it at once.
 *
 * <p>{@link #greet} counts its calls in a static field, which is per classloader: two applications in
 * one process that each load this class count separately.
 */
public final class Greeting {
    private static final AtomicLong CALLS = new AtomicLong();

    private Greeting() {
    }

    /** This library's version: "v1". */
    public static String version() {
        return "v1";
    }

    /** A greeting naming this library's version; counts the call. */
    public static String greet(String name) {
        CALLS.incrementAndGet();
        return "Hello from v1, " + name;
    }

    /** How many times {@link #greet} ran in this copy of the class. */
    public static long calls() {
        return CALLS.get();
    }
}
