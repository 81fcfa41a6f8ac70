package io.lido.runtime.domain;

import io.lido.runtime.internal.ApplicationFrames;

/**
 * A domain's start failure on one line, for {@code lido list app} and {@code lido recycle app}: the message
 * (which names the application and, for a configuration error, the file and line), then the exception at
 * the bottom of the chain and where application code threw it, which the message alone often leaves out
 * ("failed to start: boom" says nothing of an IllegalStateException in Global.onStart).
 */
final class StartErrors {
    /** Longer than any useful message; keeps a reply frame and a terminal line bounded. */
    static final int MAX_LENGTH = 1000;

    private StartErrors() {
    }

    static String oneLine(Throwable error) {
        StringBuilder text = new StringBuilder(String.valueOf(error.getMessage()));
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != error) {
            text.append(" (").append(root.getClass().getName());
            StackTraceElement frame = ApplicationFrames.top(root);
            if (frame != null) {
                // Not frame.toString(): it prefixes the class loader's name ("app//app.Global...").
                text.append(" at ").append(frame.getClassName()).append('.').append(frame.getMethodName()).append('(')
                        .append(frame.getFileName()).append(':').append(frame.getLineNumber()).append(')');
            }
            text.append(')');
        }
        String line = text.toString().replaceAll("\\s*[\\r\\n]+\\s*", " ");
        return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH - 3) + "...";
    }
}
