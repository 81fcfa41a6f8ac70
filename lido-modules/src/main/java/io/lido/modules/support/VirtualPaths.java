package io.lido.modules.support;

import io.lido.config.SiteConfig;

import java.util.Locale;

/**
 * Segment-wise, case-insensitive URL path arithmetic as IIS does it ("/reports" contains "/Reports/x"
 * but not "/reportsX").
 */
public final class VirtualPaths {

    private VirtualPaths() {
    }

    /** Whether {@code path} is {@code base} or below it. */
    public static boolean isUnder(String path, String base) {
        if (base.equals("/") || base.isEmpty()) {
            return true;
        }
        String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        if (path.length() < trimmed.length() || !path.regionMatches(true, 0, trimmed, 0, trimmed.length())) {
            return false;
        }
        return path.length() == trimmed.length() || path.charAt(trimmed.length()) == '/';
    }

    /** The part of {@code path} below {@code base}, starting with '/' ("/" for the base itself). */
    public static String relativeTo(String path, String base) {
        if (!isUnder(path, base)) {
            throw new IllegalArgumentException(path + " is not under " + base);
        }
        String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String rest = path.substring(trimmed.length());
        return rest.isEmpty() ? "/" : rest;
    }

    /**
     * The virtual directory of {@code application} that serves the application-relative path: the one
     * with the longest matching path.
     */
    public static SiteConfig.VirtualDirectory virtualDirectory(SiteConfig.Application application,
                                                              String appRelativePath) {
        SiteConfig.VirtualDirectory best = null;
        for (SiteConfig.VirtualDirectory vd : application.virtualDirectories()) {
            if (isUnder(appRelativePath, vd.path())
                    && (best == null || vd.path().length() > best.path().length())) {
                best = vd;
            }
        }
        if (best == null) {
            throw new IllegalStateException("application " + application.path() + " has no virtual directory for "
                    + appRelativePath);
        }
        return best;
    }

    /** The last segment of a path ("" for a path ending in '/'). */
    public static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The extension of a file name including the dot, lower case, or "" when it has none. */
    public static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0 || dot == fileName.length() - 1) {
            return "";
        }
        return fileName.substring(dot).toLowerCase(Locale.ROOT);
    }
}
