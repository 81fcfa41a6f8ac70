package io.lido.runtime.domain;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One domain's copy of the application's {@code bin/*.jar} (ASP.NET's shadow copy), in
 * {@code <root>/<pid>/<application key>/<generation>/}: the domain loads its classes from the copies, so
 * a deployment can overwrite or delete the originals while the domain runs. The folder is deleted after
 * the domain unloads; folders left by processes that died are swept the first time a copy is made.
 *
 * <p>The root is the system property {@value #ROOT_PROPERTY} (the host gives each pool's workers a folder of their
 * user's in the distribution's {@code work/shadow/}, and itself {@code work/shadow/host}), else a private temporary
 * folder this process creates (mode 700, a random name) and deletes at exit. A root folder that another user owns
 * or can write is refused: whoever can write it could swap jars or plant links under this process's feet.
 */
final class ShadowCopy {
    /** System property naming the folder under which shadow copies are made. */
    static final String ROOT_PROPERTY = "lido.shadowCopyRoot";
    private static final Logger LOG = LoggerFactory.getLogger(ShadowCopy.class);
    private static final AtomicBoolean SWEPT = new AtomicBoolean();
    private static volatile Path temporaryRoot;
    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path folder;

    private ShadowCopy(Path folder) {
        this.folder = folder;
    }

    /**
     * Copies {@code bin/*.jar} into a new folder for one domain.
     *
     * @param applicationKey unique per application in this process, e.g. "1_reports"
     * @throws UncheckedIOException naming the file that could not be copied (a jar deleted or being
     *                              written while copying: the next change notification tries again)
     */
    static ShadowCopy create(Path bin, String applicationKey, int generation) {
        ShadowCopy copy = new ShadowCopy(newFolder(applicationKey, generation));
        Path folder = copy.folder;
        if (!Files.isDirectory(bin)) {
            return copy;
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(bin)) {
            for (Path jar : jars) {
                if (jar.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar") && Files.isRegularFile(jar)) {
                    copyOne(jar, folder.resolve(jar.getFileName()));
                }
            }
        } catch (IOException e) {
            copy.delete();
            throw new UncheckedIOException("cannot list the application's jars in " + bin, e);
        } catch (UncheckedIOException e) {
            copy.delete();
            throw e;
        }
        return copy;
    }

    /**
     * Unpacks a web application for one domain: a {@code .war} file is extracted, an unpacked one (a folder with
     * WEB-INF/) is copied, into {@code <generation>/webapp/}, beside an empty {@code <generation>/temp/} for the
     * servlet context's temporary files. So a deployment may overwrite the WAR, or any file of the folder, while
     * the domain serves. Links in a folder are not followed (they could name anything the process can read).
     *
     * @throws UncheckedIOException naming the file that could not be copied or the entry that could not be extracted
     */
    static ShadowCopy createWebApplication(Path source, String applicationKey, int generation) {
        ShadowCopy copy = new ShadowCopy(newFolder(applicationKey, generation));
        try {
            Files.createDirectory(copy.webApplicationFolder(), PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
            Files.createDirectory(copy.temporaryFolder(), PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
            if (Files.isDirectory(source)) {
                WebApplicationCopy.copyFolder(source, copy.webApplicationFolder(), OWNER_ONLY_FOLDER, OWNER_ONLY_FILE);
            } else {
                WebApplicationCopy.extract(source, copy.webApplicationFolder(), OWNER_ONLY_FOLDER, OWNER_ONLY_FILE);
            }
        } catch (IOException e) {
            copy.delete();
            throw new UncheckedIOException("shadow copy: cannot unpack the web application " + source + ": " + e, e);
        } catch (RuntimeException e) {
            copy.delete();
            throw e;
        }
        return copy;
    }

    private static Path newFolder(String applicationKey, int generation) {
        Path root = root();
        if (SWEPT.compareAndSet(false, true)) {
            sweepDeadProcesses(root);
        }
        Path folder = root.resolve(Long.toString(ProcessHandle.current().pid())).resolve(applicationKey)
                .resolve(Integer.toString(generation));
        try {
            deleteTree(folder);
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the shadow copy folder " + folder, e);
        }
        return folder;
    }

    /** The unpacked web application (after {@link #createWebApplication}). */
    Path webApplicationFolder() {
        return folder.resolve("webapp");
    }

    /** The web application's private temporary folder (after {@link #createWebApplication}). */
    Path temporaryFolder() {
        return folder.resolve("temp");
    }

    /** Where the domain loads its jars from. */
    Path folder() {
        return folder;
    }

    /** Deletes the folder; a failure is logged (the sweep of a later run removes what is left). */
    void delete() {
        try {
            deleteTree(folder);
        } catch (IOException e) {
            LOG.warn("Cannot delete the shadow copy folder {}: {}", folder, e.toString());
        }
    }

    /** Deletes what is left of an application's folder (its domains delete their own) at shutdown. */
    static void deleteApplicationFolder(String applicationKey) {
        Path folder = root().resolve(Long.toString(ProcessHandle.current().pid())).resolve(applicationKey);
        try {
            deleteTree(folder);
        } catch (IOException e) {
            LOG.warn("Cannot delete the shadow copy folder {}: {}", folder, e.toString());
        }
    }

    /** The folder all shadow copies of this process go under (checked: see the class comment). */
    static Path root() {
        String configured = System.getProperty(ROOT_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return checkedRoot(Path.of(configured));
        }
        Path folder = temporaryRoot;
        if (folder == null) {
            synchronized (ShadowCopy.class) {
                if (temporaryRoot == null) {
                    temporaryRoot = createTemporaryRoot();
                }
                folder = temporaryRoot;
            }
        }
        return folder;
    }

    /**
     * The configured root, created 700 if missing; refused when it is a link, or another user owns it or can write
     * it.
     *
     * @throws IllegalStateException naming the folder and its owner
     */
    static Path checkedRoot(Path root) {
        try {
            if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(root.getParent());
                Files.createDirectory(root, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
            }
            Map<String, Object> attributes = Files.readAttributes(root, "unix:uid,mode,isDirectory",
                    LinkOption.NOFOLLOW_LINKS);
            int self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            int owner = (Integer) attributes.get("uid");
            int mode = (Integer) attributes.get("mode");
            if (!(Boolean) attributes.get("isDirectory") || owner != self || (mode & 0022) != 0) {
                throw new IllegalStateException("refusing the shadow copy folder " + root + ": it must be a folder of"
                        + " uid " + self + " that nobody else can write, and it is "
                        + ((Boolean) attributes.get("isDirectory") ? "a folder" : "not a folder (a link or a file)")
                        + " owned by " + Files.getOwner(root, LinkOption.NOFOLLOW_LINKS).getName() + " (uid " + owner
                        + "), mode " + String.format("%04o", mode & 07777));
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the shadow copy folder " + root + ": " + e.getMessage(), e);
        }
    }

    private static Path createTemporaryRoot() {
        try {
            Path folder = Files.createTempDirectory("lido-shadow-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    deleteTree(folder);
                } catch (IOException e) {
                    // The process is exiting: a folder left behind is private and harmless.
                }
            }, "lido-shadow-cleanup"));
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for shadow copies", e);
        }
    }

    private static void copyOne(Path jar, Path target) {
        try {
            Files.copy(jar, target);
            // Files.copy gives the copy the original's mode: the copies are this process's alone.
            Files.setPosixFilePermissions(target, OWNER_ONLY_FILE);
        } catch (NoSuchFileException e) {
            // Deleted between the listing and the copy: a deployment is under way, and it will notify again.
            throw new UncheckedIOException("shadow copy: " + jar + " disappeared while being copied", e);
        } catch (IOException e) {
            throw new UncheckedIOException("shadow copy: cannot copy " + jar + " to " + target + ": " + e, e);
        }
    }

    /** Deletes the folders of process ids that are no longer running (crashed or killed before cleanup). */
    static void sweepDeadProcesses(Path root) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(root)) {
            for (Path pidFolder : pids) {
                String name = pidFolder.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit) || name.isEmpty()) {
                    continue;
                }
                if (ProcessHandle.of(Long.parseLong(name)).isEmpty()) {
                    deleteTree(pidFolder);
                    LOG.info("Deleted the shadow copies of process {} (no longer running): {}", name, pidFolder);
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.warn("Cannot sweep old shadow copies in {}: {}", root, e.toString());
        }
    }

    static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
