package io.lido.runtime.internal;

/**
 * The {@code path} of a {@code <handlers><add>} entry, matched case-insensitively against the
 * application-relative path without its leading '/' ("hello", "api/users/1"):
 * <ul>
 *   <li>{@code *} matches every path;</li>
 *   <li>{@code *.ext} matches when the last segment ends with ".ext";</li>
 *   <li>{@code folder/*} matches everything below that folder (not the folder itself);</li>
 *   <li>anything else is one exact path ("hello" is /hello in the root application, /app/hello in /app).</li>
 * </ul>
 */
record PathPattern(Kind kind, String text) {

    enum Kind { ALL, EXTENSION, FOLDER, EXACT }

    /**
     * Parses a handler path; a leading "/" or "~/" is ignored.
     *
     * @throws IllegalArgumentException for an empty path or a '*' anywhere else than the forms above
     */
    static PathPattern parse(String path) {
        String p = path.trim();
        if (p.startsWith("~/")) {
            p = p.substring(2);
        } else if (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (p.isEmpty()) {
            throw new IllegalArgumentException("path is empty (allowed: *, *.ext, folder/*, or a path)");
        }
        if (p.equals("*")) {
            return new PathPattern(Kind.ALL, "");
        }
        if (p.startsWith("*.") && p.indexOf('*', 1) < 0 && p.indexOf('/') < 0 && p.length() > 2) {
            return new PathPattern(Kind.EXTENSION, p.substring(1));
        }
        if (p.endsWith("/*") && p.indexOf('*') == p.length() - 1) {
            return new PathPattern(Kind.FOLDER, p.substring(0, p.length() - 1));
        }
        if (p.indexOf('*') >= 0) {
            throw new IllegalArgumentException("path \"" + path + "\" is not a supported pattern (allowed: *, *.ext, folder/*, or a path)");
        }
        return new PathPattern(Kind.EXACT, p);
    }

    /** The pattern as it is written in configuration (without a leading "/" or "~/"). */
    String source() {
        return switch (kind) {
            case ALL -> "*";
            case EXTENSION -> "*" + text;
            case FOLDER -> text + "*";
            case EXACT -> text;
        };
    }

    boolean matches(String appRelativePath) {
        return switch (kind) {
            case ALL -> true;
            case EXTENSION -> appRelativePath.lastIndexOf('/') < appRelativePath.length() - text.length()
                    && appRelativePath.regionMatches(true, appRelativePath.length() - text.length(), text, 0, text.length());
            case FOLDER -> appRelativePath.length() >= text.length()
                    && appRelativePath.regionMatches(true, 0, text, 0, text.length());
            case EXACT -> appRelativePath.equalsIgnoreCase(text);
        };
    }
}
