package io.lido.runtime.domain;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One domain's copy of the application's {@code bin/*.jar} (ASP.NET's shadow copy), in
 * {@code <root>/<pid>/<application key>/<generation>/}: the domain loads its classes from the copies, so
 * a deployment can overwrite or delete the originals while the domain runs. The folder is deleted after
 * the domain unloads; folders left by processes that died are swept the first time a copy is made.
 *
 * <p>The root is the system property {@value #ROOT_PROPERTY}, or {@code lido-shadow-<user>} in the
 * temporary directory (per user, so two accounts on one machine never share it).
 */
final class ShadowCopy {
    /** System property naming the folder under which shadow copies are made. */
    static final String ROOT_PROPERTY = "lido.shadowCopyRoot";
    private static final Logger LOG = LoggerFactory.getLogger(ShadowCopy.class);
    private static final AtomicBoolean SWEPT = new AtomicBoolean();

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
        Path root = root();
        if (SWEPT.compareAndSet(false, true)) {
            sweepDeadProcesses(root);
        }
        Path folder = root.resolve(Long.toString(ProcessHandle.current().pid())).resolve(applicationKey)
                .resolve(Integer.toString(generation));
        try {
            deleteTree(folder);
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the shadow copy folder " + folder, e);
        }
        ShadowCopy copy = new ShadowCopy(folder);
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

    /** The folder all shadow copies of this user go under. */
    static Path root() {
        String configured = System.getProperty(ROOT_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        return Path.of(System.getProperty("java.io.tmpdir")).resolve("lido-shadow-" + user);
    }

    private static void copyOne(Path jar, Path target) {
        try {
            Files.copy(jar, target);
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
