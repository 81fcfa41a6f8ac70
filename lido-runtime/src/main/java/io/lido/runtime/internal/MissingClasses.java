package io.lido.runtime.internal;

/**
 * Says which class is missing when application code cannot link: a {@link NoClassDefFoundError} names the
 * class that is not there ({@code lib/Helper}), not the one that needed it, and "not found in bin/*.jar"
 * sends the operator looking for the wrong class. The usual cause is a library jar the application was
 * compiled against but that was not copied into {@code bin/}.
 */
public final class MissingClasses {
    private MissingClasses() {
    }

    /**
     * "class X needs Y, which is missing from bin/" when {@code error} or one of its causes is a
     * {@link NoClassDefFoundError} for a class that is not there; null otherwise (also for a class that is
     * there but whose static initialiser failed before: "Could not initialize class").
     *
     * @param needing the class that was being loaded, or null to name the application class in whose code
     *                the error was thrown (the top frame outside the JDK and Lido)
     */
    public static String describe(Throwable error, String needing) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NoClassDefFoundError missing && missing.getMessage() != null
                    && !missing.getMessage().startsWith("Could not initialize class")) {
                StackTraceElement frame = ApplicationFrames.top(missing);
                String user = needing != null ? needing : frame == null ? null : frame.getClassName();
                String what = missing.getMessage().replace('/', '.');
                return (user == null ? "a class" : "class " + user) + " needs " + what + ", which is missing from bin/";
            }
        }
        return null;
    }
}
