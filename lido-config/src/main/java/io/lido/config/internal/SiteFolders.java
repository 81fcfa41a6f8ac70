package io.lido.config.internal;

import io.lido.config.SiteConfig;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Maps a URL folder of a site to its physical folder the way IIS does: the application with the
 * longest matching virtual path, then its virtual directory with the longest matching path, then the
 * remaining segments below that directory's physical path. Virtual paths compare ignoring case, as
 * in IIS.
 */
public final class SiteFolders {
    private SiteFolders() {
    }

    /** The application that serves {@code segments} (the URL path split on "/"). */
    public static SiteConfig.Application application(SiteConfig site, List<String> segments) {
        SiteConfig.Application best = null;
        int bestLength = -1;
        for (SiteConfig.Application app : site.applications()) {
            int length = matchLength(app.path(), segments);
            if (length > bestLength) {
                best = app;
                bestLength = length;
            }
        }
        return best;
    }

    /** The physical folder of the URL folder {@code segments}, or null when the site maps it nowhere. */
    public static Path physicalFolder(SiteConfig site, List<String> segments) {
        SiteConfig.Application app = application(site, segments);
        if (app == null) {
            return null;
        }
        List<String> inApp = segments.subList(segmentCount(app.path()), segments.size());
        SiteConfig.VirtualDirectory best = null;
        int bestLength = -1;
        for (SiteConfig.VirtualDirectory vd : app.virtualDirectories()) {
            int length = matchLength(vd.path(), inApp);
            if (length > bestLength) {
                best = vd;
                bestLength = length;
            }
        }
        if (best == null) {
            return null;
        }
        Path folder = best.physicalPath();
        try {
            for (String segment : inApp.subList(bestLength, inApp.size())) {
                folder = folder.resolve(segment);
            }
        } catch (InvalidPathException e) {
            // A segment no file name can have (e.g. a NUL): there is no such folder, hence no web.config.
            return null;
        }
        return folder;
    }

    /** Number of segments of {@code virtualPath} when it is a prefix of {@code segments}, else -1. */
    private static int matchLength(String virtualPath, List<String> segments) {
        if (virtualPath.equals("/")) {
            return 0;
        }
        String[] parts = virtualPath.substring(1).split("/");
        if (parts.length > segments.size()) {
            return -1;
        }
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].equalsIgnoreCase(segments.get(i))) {
                return -1;
            }
        }
        return parts.length;
    }

    private static int segmentCount(String virtualPath) {
        return virtualPath.equals("/") ? 0 : virtualPath.substring(1).split("/").length;
    }
}
