package io.lido.runtime.domain;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Enumeration;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Copies a web application into a domain's shadow copy: a folder tree as it is (links skipped), or a WAR's entries
 * (an entry whose name would leave the target, "zip slip", refuses the whole WAR).
 */
final class WebApplicationCopy {
    private static final Logger LOG = LoggerFactory.getLogger(WebApplicationCopy.class);

    private WebApplicationCopy() {
    }

    static void copyFolder(Path source, Path target, Set<PosixFilePermission> folderMode,
                           Set<PosixFilePermission> fileMode) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path to = target.resolve(source.relativize(dir).toString());
                if (!to.equals(target)) {
                    Files.createDirectory(to, PosixFilePermissions.asFileAttribute(folderMode));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isSymbolicLink() || !attrs.isRegularFile()) {
                    LOG.warn("Shadow copy of {}: {} is not a regular file and is left out", source, file);
                    return FileVisitResult.CONTINUE;
                }
                Path to = target.resolve(source.relativize(file).toString());
                Files.copy(file, to);
                Files.setPosixFilePermissions(to, fileMode);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void extract(Path war, Path target, Set<PosixFilePermission> folderMode,
                        Set<PosixFilePermission> fileMode) throws IOException {
        Path base = target.toAbsolutePath().normalize();
        try (ZipFile zip = new ZipFile(war.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path to = base.resolve(entry.getName()).normalize();
                if (!to.startsWith(base) || entry.getName().contains("\\")) {
                    throw new IOException("the entry \"" + entry.getName() + "\" of " + war
                            + " names a file outside the application");
                }
                if (entry.isDirectory()) {
                    createFolders(base, to, folderMode);
                    continue;
                }
                createFolders(base, to.getParent(), folderMode);
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.setPosixFilePermissions(to, fileMode);
            }
        }
    }

    private static void createFolders(Path base, Path folder, Set<PosixFilePermission> folderMode) throws IOException {
        if (folder.equals(base) || Files.isDirectory(folder)) {
            return;
        }
        createFolders(base, folder.getParent(), folderMode);
        Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(folderMode));
    }
}
