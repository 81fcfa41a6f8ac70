package io.lido.activation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The Lido admin group ({@value TrustedFolder#ADMIN_GROUP}), as IIS gives its logs to Administrators: when the
 * system has it, Lido's folders and files belong to it (read-only), else to the group of the user Lido runs as.
 * Read from /etc/group once.
 */
final class AdminGroup {
    private static final Optional<Integer> GID = find(Path.of("/etc/group"), TrustedFolder.ADMIN_GROUP);

    private AdminGroup() {
    }

    /** The admin group's gid, if the system has the group. */
    static Optional<Integer> gid() {
        return GID;
    }

    /** The gid Lido's files get: the admin group's, else this process's own group. */
    static int gidOrOwn() {
        return GID.orElseGet(AdminGroup::processGid);
    }

    private static int processGid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:gid");
        } catch (IOException | UnsupportedOperationException e) {
            return 0;
        }
    }

    static Optional<Integer> find(Path groupFile, String name) {
        for (String[] fields : TrustedFolder.Users.entries(groupFile)) {
            if (fields.length > 2 && fields[0].equals(name)) {
                try {
                    return Optional.of(Integer.parseInt(fields[2]));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
