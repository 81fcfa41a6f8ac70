package io.lido.activation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.util.Map;
import java.util.Set;

/**
 * What the host (root) does in a folder a pool's user can write (a worker's AOT training folder), without ever
 * following a link that user may have planted: deleting a tree through file descriptors of its folders
 * ({@code unlinkat}, {@code openat(O_NOFOLLOW)}), and reading a file the user wrote through {@code O_NOFOLLOW}.
 */
final class LinkSafeFiles {
    private LinkSafeFiles() {
    }

    /**
     * Deletes a folder and everything in it. Each folder is opened once (never through a link) and its entries are
     * deleted relative to it, so a link put in place of a sub-folder while this runs is deleted, not followed.
     */
    static void deleteTree(Path folder) throws IOException {
        Path parent = folder.toAbsolutePath().getParent();
        Map<String, Object> attributes;
        try {
            attributes = Files.readAttributes(folder, "isDirectory,isSymbolicLink", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if (!(Boolean) attributes.get("isDirectory") || (Boolean) attributes.get("isSymbolicLink")) {
            Files.delete(folder); // unlink(2) removes a link itself
            return;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            if (!(stream instanceof SecureDirectoryStream<Path> secure)) {
                throw new IOException("this file system cannot delete " + folder + " without following links");
            }
            deleteEntries(secure);
        }
        try (DirectoryStream<Path> above = Files.newDirectoryStream(parent)) {
            if (above instanceof SecureDirectoryStream<Path> secure) {
                secure.deleteDirectory(folder.getFileName());
            } else {
                Files.delete(folder);
            }
        }
    }

    private static void deleteEntries(SecureDirectoryStream<Path> folder) throws IOException {
        for (Path entry : folder) {
            Path name = entry.getFileName();
            boolean directory = folder.getFileAttributeView(name, BasicFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS).readAttributes().isDirectory();
            if (directory) {
                try (SecureDirectoryStream<Path> sub = folder.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
                    deleteEntries(sub);
                }
                folder.deleteDirectory(name);
            } else {
                folder.deleteFile(name);
            }
        }
    }

    /**
     * Copies a regular file that {@code ownerUid} wrote into {@code target} (replaced atomically), refusing a link, a
     * file of another owner or one with more than one name (a hard link to someone else's file).
     */
    static void copyOwnedFile(Path source, int ownerUid, Path target) throws IOException {
        Map<String, Object> attributes = Files.readAttributes(source, "unix:uid,nlink,isRegularFile",
                LinkOption.NOFOLLOW_LINKS);
        if (!(Boolean) attributes.get("isRegularFile") || (Integer) attributes.get("uid") != ownerUid
                || (Integer) attributes.get("nlink") != 1) {
            throw new IOException(source + " is not a plain file of uid " + ownerUid + " (a link or another owner's)");
        }
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        try (SeekableByteChannel in = Files.newByteChannel(source, Set.of(StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS)); InputStream stream = Channels.newInputStream(in)) {
            Files.copy(stream, partial);
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
