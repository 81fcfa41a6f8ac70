package io.lido.config.internal;

import io.lido.config.ConfigException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * What identifies one version of a file for caching: modification time and size. A file that is
 * absent (or not a regular file) has no stamp (null), so a web.config appearing later is a change too.
 */
public record FileStamp(FileTime lastModified, long size) {

    /** The stamp of {@code file}, or null when there is no regular file there. */
    public static FileStamp of(Path file) {
        if (file == null) {
            return null;
        }
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.isRegularFile() ? new FileStamp(a.lastModifiedTime(), a.size()) : null;
        } catch (NoSuchFileException e) {
            return null;
        } catch (AccessDeniedException e) {
            throw new ConfigException(null, file + ": cannot read file attributes: access denied");
        } catch (FileSystemException e) {
            // "Not a directory", "File name too long": no file can be at that path.
            return null;
        } catch (IOException e) {
            // An unreadable web.config must not be mistaken for an absent one (that would drop its locks).
            throw new ConfigException(null, file + ": cannot read file attributes: " + e.getMessage());
        }
    }
}
