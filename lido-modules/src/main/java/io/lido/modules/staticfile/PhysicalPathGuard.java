package io.lido.modules.staticfile;

import io.lido.api.HttpException;
import io.lido.config.SiteConfig;
import io.lido.modules.support.VirtualPaths;
import io.lido.runtime.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps a request to a file or folder and proves it lies inside the virtual directory's physical root,
 * independently of the runtime and the listener (defence in depth): the URL path is checked for
 * characters no file URL needs, the mapped path must be under the root after normalisation, and again
 * after resolving symbolic links on both sides, so a link pointing out of the root answers 404.
 *
 * <p>Thread-safe. A virtual directory root's own real path is cached for a second, so re-pointing a
 * root that is itself a link takes effect within a second without costing a resolution per request.
 */
final class PhysicalPathGuard {
    private static final Logger LOG = LoggerFactory.getLogger(PhysicalPathGuard.class);

    /**
     * The request's target, resolved.
     *
     * @param root       the virtual directory's physical root, real path (links resolved)
     * @param file       the requested file or folder, real path, inside {@code root}
     * @param attributes the file's attributes, read once
     */
    record Target(Path root, Path file, BasicFileAttributes attributes) {
    }

    /** How long a virtual directory's resolved root is trusted before it is resolved again. */
    private static final long ROOT_TTL_NANOS = 1_000_000_000L;

    private record RealRoot(Path real, long resolvedAt) {
    }

    private final Map<Path, RealRoot> realRoots = new ConcurrentHashMap<>();

    /**
     * Where a request maps before the file system is asked: the virtual directory's physical root and
     * the mapped path, both absolute and normalised, the mapped path inside the root.
     */
    record Location(Path root, Path mapped) {
    }

    /** Resolves the request's physical path; throws 400 for a malformed path and 404 for anything else. */
    Target resolve(RequestContext context) {
        return resolve(locate(context), context.request().path());
    }

    /** The checks that need no system call; throws 400 for a malformed path and 404 outside the root. */
    Location locate(RequestContext context) {
        String path = context.request().path();
        checkPathText(path);
        SiteConfig.Application application = context.applicationConfig();
        if (!VirtualPaths.isUnder(path, application.path())) {
            throw new HttpException(404, 0, path + " is not inside application " + application.path());
        }
        String appRelative = VirtualPaths.relativeTo(path, application.path());
        Path root = VirtualPaths.virtualDirectory(application, appRelative).physicalPath().toAbsolutePath().normalize();
        Path mapped = context.request().physicalPath().toAbsolutePath().normalize();
        if (!mapped.startsWith(root)) {
            // the runtime's mapping and this check disagree: a defect somewhere, so say it loudly
            LOG.warn("refused {}: it maps to {}, outside the virtual directory {}", path, mapped, root);
            throw notFound(path);
        }
        return new Location(root, mapped);
    }

    /** Walks the file system from the location's real root; throws 404 for anything not inside it. */
    Target resolve(Location location, String urlPath) {
        Path realRoot = realRoot(location.root(), urlPath);
        return walk(realRoot, location.root().relativize(location.mapped()), urlPath);
    }

    /**
     * Follows the path below the root one name at a time with lstat, which also yields the final
     * attributes: a plain file directly in the root costs one system call. A symbolic link on the way
     * is resolved and must stay inside the root.
     */
    private static Target walk(Path realRoot, Path relative, String urlPath) {
        Path current = realRoot;
        BasicFileAttributes attributes = null;
        for (Path name : relative) {
            if (name.toString().isEmpty()) {
                continue;
            }
            if (attributes != null && !attributes.isDirectory()) {
                throw notFound(urlPath); // "file.txt/more"
            }
            current = current.resolve(name);
            attributes = lstat(current, urlPath);
            if (attributes.isSymbolicLink()) {
                Path target = realPath(current, urlPath);
                if (!target.startsWith(realRoot)) {
                    // a link the administrator made; clients can request it at will, so no warning
                    LOG.debug("refused {}: {} resolves to {}, outside the virtual directory {}", urlPath, current,
                            target, realRoot);
                    throw notFound(urlPath);
                }
                current = target;
                attributes = attributes(target);
            }
        }
        return new Target(realRoot, current, attributes == null ? attributes(realRoot) : attributes);
    }

    private Path realRoot(Path root, String urlPath) {
        long now = System.nanoTime();
        RealRoot cached = realRoots.get(root);
        if (cached != null && now - cached.resolvedAt() < ROOT_TTL_NANOS) {
            return cached.real();
        }
        Path real = realPath(root, urlPath);
        realRoots.put(root, new RealRoot(real, now));
        return real;
    }

    /**
     * IIS's 401.3, "unauthorized due to ACL on resource": the pool identity may not read the file or a folder on
     * the way (where Basic authentication is on, the 401 carries its challenge, as IIS's does).
     */
    static HttpException aclDenied(String urlPath, AccessDeniedException denied) {
        return new HttpException(401, 3, "access to " + urlPath + " is denied by the file system (ACL on resource)",
                denied);
    }

    private static BasicFileAttributes lstat(Path file, String urlPath) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException missing) {
            throw notFound(urlPath);
        } catch (AccessDeniedException denied) {
            throw aclDenied(urlPath, denied);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the attributes of " + file, e);
        }
    }

    /** Whether {@code candidate} exists and its real path is inside {@code realRoot}. */
    static boolean isInside(Path candidate, Path realRoot) {
        if (!Files.exists(candidate)) {
            return false;
        }
        try {
            return candidate.toRealPath().startsWith(realRoot);
        } catch (NoSuchFileException gone) {
            return false;
        } catch (FileSystemException unresolvable) {
            return false; // a link loop or a link through a file: nothing there to list or serve
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + candidate, e);
        }
    }

    /** The attributes of a file that exists. */
    static BasicFileAttributes attributes(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the attributes of " + file, e);
        }
    }

    /**
     * Rejects what the listener already rejects, again: a backslash or NUL (another path syntax), a colon
     * (NTFS alternate data streams, drive letters) and segments made only of dots.
     */
    static void checkPathText(String path) {
        if (path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0 || path.indexOf(':') >= 0) {
            throw new HttpException(400, 0, "the path contains a backslash, NUL or colon");
        }
        boolean onlyDots = false; // whether the segment read so far is non-empty and all dots
        boolean segmentStart = true;
        for (int i = 0, n = path.length(); i <= n; i++) {
            char c = i == n ? '/' : path.charAt(i);
            if (c == '/') {
                if (onlyDots) {
                    throw new HttpException(400, 0, "the path contains a segment made only of dots");
                }
                segmentStart = true;
            } else {
                onlyDots = c == '.' && (segmentStart || onlyDots);
                segmentStart = false;
            }
        }
    }

    private static Path realPath(Path path, String urlPath) {
        try {
            return path.toRealPath();
        } catch (NoSuchFileException missing) {
            throw notFound(urlPath);
        } catch (AccessDeniedException denied) {
            throw aclDenied(urlPath, denied);
        } catch (FileSystemException unresolvable) {
            // a link loop ("Too many levels of symbolic links") or a link through a file: nothing is there
            throw new HttpException(404, 0, urlPath + " cannot be resolved: " + unresolvable.getReason(), unresolvable);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + path, e);
        }
    }

    private static HttpException notFound(String urlPath) {
        return new HttpException(404, 0, urlPath + " was not found");
    }
}
