package samples.lib;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Version 2 of the greeting library. Version 1 has the same class name and methods but answers
 * "v1": an application that sees the wrong copy shows it at once.
 *
 * <p>{@link #greet} counts its calls in a static field, which is per classloader: two applications in
 * one process that each load this class count separately.
 */
public final class Greeting {
    private static final AtomicLong CALLS = new AtomicLong();

    private Greeting() {
    }

    /** This library's version: "v2". */
    public static String version() {
        return "v2";
    }

    /** A greeting naming this library's version; counts the call. */
    public static String greet(String name) {
        CALLS.incrementAndGet();
        return "Hello by v2, " + name;
    }

    /** How many times {@link #greet} ran in this copy of the class. */
    public static long calls() {
        return CALLS.get();
    }
}
