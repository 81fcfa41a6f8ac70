package io.lido.modules.fastcgi;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The folder of this process's FastCGI sockets: {@code <root>/fastcgi-<pid>/}, mode 700, where {@code <root>} is the
 * folder the host gives the process for its own files, the shadow-copy root ({@code lido.shadowCopyRoot}:
 * {@code work/shadow/<pool>/} of the pool's user for a worker, {@code work/shadow/host/} for the host). Only the
 * process's user can reach the sockets in it, so no other local user can talk to the pool's PHP as the pool. Without
 * that property (Lido run from class folders, in tests) it is a fresh private temporary folder. Folders of processes
 * that no longer run are deleted when a new one is made.
 */
final class SocketFolder {
    private static final Logger LOG = LoggerFactory.getLogger(SocketFolder.class);
    static final String ROOT_PROPERTY = "lido.shadowCopyRoot";
    private static final String PREFIX = "fastcgi-";
    /** sun_path holds 108 bytes with its terminating zero. */
    static final int MAX_SOCKET_PATH = 107;
    /** "/" + the longest socket name ({@link #socket}). */
    private static final int LONGEST_NAME = 12;

    private final Path folder;

    private SocketFolder(Path folder) {
        this.folder = folder;
    }

    /** Creates this process's folder. */
    static SocketFolder create() {
        String configured = System.getProperty(ROOT_PROPERTY);
        try {
            Path folder;
            if (configured == null || configured.isBlank()) {
                folder = Files.createTempDirectory(PREFIX);
            } else {
                Path root = checked(Path.of(configured).toAbsolutePath());
                sweep(root);
                folder = root.resolve(PREFIX + ProcessHandle.current().pid());
                if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
                    deleteTree(folder); // a pid reused after a crash: the root is this user's alone
                }
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            if (folder.toString().length() + LONGEST_NAME > MAX_SOCKET_PATH) {
                deleteTree(folder);
                throw new IllegalStateException("the FastCGI socket folder " + folder + " is too deep for a Unix socket"
                        + " path (at most " + MAX_SOCKET_PATH + " bytes): install Lido in a shorter folder");
            }
            return new SocketFolder(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of the FastCGI sockets: " + e.getMessage(), e);
        }
    }

    Path folder() {
        return folder;
    }

    /** The socket path of process number {@code ordinal}. */
    Path socket(long ordinal) {
        return folder.resolve(ordinal + ".sock");
    }

    /** Deletes the folder and what is left in it. */
    void delete() {
        try {
            deleteTree(folder);
        } catch (IOException e) {
            LOG.warn("Cannot delete the FastCGI socket folder {}: {}", folder, e.toString());
        }
    }

    /** The root must be a folder of this user's that nobody else can write (else its sockets could be swapped). */
    private static Path checked(Path root) throws IOException {
        Map<String, Object> attributes = Files.readAttributes(root, "unix:uid,mode,isDirectory", LinkOption.NOFOLLOW_LINKS);
        int self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (!(Boolean) attributes.get("isDirectory") || (Integer) attributes.get("uid") != self
                || ((Integer) attributes.get("mode") & 0022) != 0) {
            throw new IllegalStateException("refusing " + root + " for FastCGI sockets: it must be a folder of uid " + self
                    + " that nobody else can write");
        }
        return root;
    }

    private static void sweep(Path root) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, PREFIX + "*")) {
            for (Path entry : entries) {
                String pid = entry.getFileName().toString().substring(PREFIX.length());
                if (!pid.isEmpty() && pid.chars().allMatch(Character::isDigit)
                        && ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
                    deleteTree(entry);
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.warn("Cannot delete the FastCGI socket folders of stopped processes in {}: {}", root, e.toString());
        }
    }

    /** The folder holds sockets only (no links, no folders of its own), so a listing deletes it. */
    private static void deleteTree(Path folder) throws IOException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                Files.deleteIfExists(entry);
            }
        }
        Files.deleteIfExists(folder);
    }
}
