package io.lido.runtime.internal;

/** Where in the application's own code something was thrown: what an operator or its author looks for first. */
public final class ApplicationFrames {
    private ApplicationFrames() {
    }

    /** The top frame of {@code error} that is neither the JDK's nor Lido's; null when there is none. */
    public static StackTraceElement top(Throwable error) {
        for (StackTraceElement frame : error.getStackTrace()) {
            String cls = frame.getClassName();
            if (!cls.startsWith("java.") && !cls.startsWith("jdk.") && !cls.startsWith("sun.")
                    && !cls.startsWith("io.lido.")) {
                return frame;
            }
        }
        return null;
    }
}
