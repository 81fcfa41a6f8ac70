package io.lido.runtime.internal;

import io.lido.api.HttpException;
import io.lido.config.SiteConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Maps site-relative virtual paths to physical paths through the site's applications and their
 * virtual directories (longest match wins at each level, case-insensitively as IIS does), and never
 * returns a path outside the matched virtual directory's folder.
 */
final class VirtualPathMapper {
    private final List<Mount> mounts;

    /** One virtual directory, as a site-relative path prefix ("/", "/app", "/app/images"). */
    private record Mount(String prefix, Path root) {
    }

    VirtualPathMapper(SiteConfig site) {
        List<Mount> list = new ArrayList<>();
        for (SiteConfig.Application app : site.applications()) {
            for (SiteConfig.VirtualDirectory vd : app.virtualDirectories()) {
                list.add(new Mount(join(app.path(), vd.path()), vd.physicalPath().toAbsolutePath().normalize()));
            }
        }
        list.sort(Comparator.comparingInt((Mount m) -> m.prefix().length()).reversed());
        this.mounts = List.copyOf(list);
    }

    /**
     * The physical path of a normalised site-relative path (starts with '/', no "." or ".." segments).
     *
     * @throws HttpException 400 when no virtual directory holds it or it would leave the folder
     */
    Path map(String sitePath) {
        for (Mount mount : mounts) {
            String rest = remainder(mount.prefix(), sitePath);
            if (rest != null) {
                Path resolved = rest.isEmpty() ? mount.root() : mount.root().resolve(rest).normalize();
                if (!resolved.startsWith(mount.root())) {
                    throw new HttpException(400, 0, "the path " + sitePath + " leaves its virtual directory");
                }
                return resolved;
            }
        }
        throw new HttpException(400, 0, "no virtual directory of this site holds " + sitePath);
    }

    /**
     * Resolves "~/x" (application-relative), "/x" (site-relative) and "x" (relative to {@code folder})
     * to a normalised site-relative path.
     *
     * @throws HttpException 400 when ".." climbs above the site root or the path holds '\' or NUL
     */
    static String toSitePath(String virtualPath, String applicationPath, String folder) {
        if (virtualPath.indexOf('\\') >= 0 || virtualPath.indexOf('\0') >= 0) {
            throw new HttpException(400, 0, "invalid virtual path \"" + virtualPath + "\": backslash or NUL");
        }
        String combined;
        if (virtualPath.equals("~") || virtualPath.startsWith("~/")) {
            combined = join(applicationPath, virtualPath.substring(1));
        } else if (virtualPath.startsWith("/")) {
            combined = virtualPath;
        } else {
            combined = join(folder, virtualPath);
        }
        return normalise(combined, virtualPath);
    }

    /** The folder part of a site-relative path ("/a/b.txt" gives "/a/", "/a/" gives "/a/"). */
    static String folderOf(String sitePath) {
        return sitePath.substring(0, sitePath.lastIndexOf('/') + 1);
    }

    private static String normalise(String path, String original) {
        String[] segments = path.split("/");
        List<String> out = new ArrayList<>(segments.length);
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (out.isEmpty()) {
                    throw new HttpException(400, 0, "the virtual path \"" + original + "\" climbs above the site root");
                }
                out.removeLast();
            } else {
                out.add(segment);
            }
        }
        String joined = "/" + String.join("/", out);
        return path.endsWith("/") && !joined.equals("/") ? joined + "/" : joined;
    }

    /** The part of {@code path} below {@code prefix} without a leading '/', or null when not below it. */
    private static String remainder(String prefix, String path) {
        if (prefix.equals("/")) {
            return path.substring(1);
        }
        if (!path.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return null;
        }
        if (path.length() == prefix.length()) {
            return "";
        }
        return path.charAt(prefix.length()) == '/' ? path.substring(prefix.length() + 1) : null;
    }

    private static String join(String base, String child) {
        if (child.isEmpty() || child.equals("/")) {
            return base.isEmpty() ? "/" : base;
        }
        String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return b + (child.startsWith("/") ? child : "/" + child);
    }
}
