package io.lido.modules.authentication;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;

/**
 * Reads a file an administrator owns and Lido trusts (the user and group files of Basic authentication).
 * Whoever can write such a file can make himself a user, so it is refused unless it is a regular file of at
 * most {@value #MAX_BYTES} bytes that neither its group nor others may write, owned by root or by the
 * account Lido runs as.
 */
final class AdminFile {
    static final long MAX_BYTES = 16L << 20;
    private static final Set<PosixFilePermission> WRITABLE_BY_OTHERS =
            Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private AdminFile() {
    }

    /**
     * The file's lines.
     *
     * @throws IOException when it cannot be read or may be written by someone Lido does not trust (the message
     *                     says which)
     */
    static List<String> readLines(Path file) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class);
        if (!attributes.isRegularFile()) {
            throw new IOException(file + " is not a regular file");
        }
        if (attributes.size() > MAX_BYTES) {
            throw new IOException(file + " has " + attributes.size() + " bytes, more than " + MAX_BYTES);
        }
        if (attributes.permissions().stream().anyMatch(WRITABLE_BY_OTHERS::contains)) {
            throw new IOException(file + " may be written by its group or by others (chmod go-w)");
        }
        int owner = (Integer) Files.getAttribute(file, "unix:uid");
        int self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (owner != 0 && owner != self) {
            throw new IOException(file + " is owned by uid " + owner + ", neither root nor the account Lido runs as ("
                    + self + ")");
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }
}
