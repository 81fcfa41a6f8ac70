package io.lido.runtime.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * What a dependency file looked like: a change of modification time, size or identity (a file
 * replaced by a rename has a new inode), or its creation or deletion, makes the stamps differ.
 */
record FileStamp(boolean exists, FileTime modified, long size, Object fileKey) {
    private static final FileStamp MISSING = new FileStamp(false, null, -1, null);

    static FileStamp of(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileStamp(true, attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
        } catch (NoSuchFileException e) {
            return MISSING;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cache dependency " + file + ": " + e.getMessage(), e);
        }
    }
}
