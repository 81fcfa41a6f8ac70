package io.lido.activation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A folder Lido keeps its state in (logs, sockets, caches): one that only the user Lido runs as can write, so that
 * nobody else can put a link where Lido (often root) opens, creates or deletes a file. A missing folder is created;
 * a folder that exists is reused only if it is a real folder (not a link) owned by Lido's user and writable by
 * nobody else, else Lido refuses it with an {@link UntrustedFolderException} naming the folder and its owner. Its
 * mode is then set: the mode names who may read or traverse it, never who may write.
 *
 * <p>Changing the mode of a path is safe here because the path's last element is a real folder in a folder only
 * Lido's user can change: the JDK's {@code NOFOLLOW_LINKS} does not keep chmod off a link's target (it does keep
 * chown and open off it).
 */
public final class TrustedFolder {
    /** Owner rwx, group r-x (the admin group reads logs): logs, a pool's log folder. */
    public static final int PRIVATE = 0750;
    /**
     * Owner rwx, the admin group r-x, others may only pass through (worker JVMs reach their socket, cache or folder
     * below it without seeing what else is there).
     */
    public static final int TRAVERSE = 0751;
    /** Owner only. */
    public static final int OWNER_ONLY = 0700;
    /** The group that may read Lido's logs and state, when the system has it (else the owner's group: root). */
    public static final String ADMIN_GROUP = "lido-admins";
    private static final int WRITABLE_BY_OTHERS = 0022;
    static final int SET_GROUP_ID = 02000;

    private TrustedFolder() {
    }

    /**
     * Creates the folder (and missing parents) or checks the one that is there, then sets its mode and its group:
     * {@value #ADMIN_GROUP} when the system has it (set-group-id: files made in it get that group too), else the
     * group of Lido's user.
     *
     * @return the folder
     * @throws UntrustedFolderException when it exists and is a link, is not a folder, or another user owns it or
     *                                  can write it
     */
    public static Path ensure(Path folder, int mode) {
        try {
            try {
                Files.createDirectories(folder);
            } catch (FileAlreadyExistsException e) {
                // A file or a link to something else: check() names it.
            }
            check(folder);
            setGroup(folder, AdminGroup.gidOrOwn());
            int setGid = AdminGroup.gid().isPresent() ? SET_GROUP_ID : 0;
            Files.setAttribute(folder, "unix:mode", mode | setGid, LinkOption.NOFOLLOW_LINKS);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create or secure the folder " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses a folder that is a link, is not a folder, or that another user than Lido's owns or can write.
     *
     * @throws UntrustedFolderException naming the folder, its owner and its mode
     */
    public static void check(Path folder) {
        Map<String, Object> attributes;
        try {
            attributes = Files.readAttributes(folder, "unix:uid,mode,isSymbolicLink,isDirectory",
                    LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new UntrustedFolderException(folder + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the owner of " + folder + ": " + e.getMessage(), e);
        }
        if ((Boolean) attributes.get("isSymbolicLink")) {
            throw new UntrustedFolderException("refusing the folder " + folder + ": it is a symbolic link (owner "
                    + owner(folder) + "); Lido's folders must be real folders owned by " + Users.name(Users.current()));
        }
        if (!(Boolean) attributes.get("isDirectory")) {
            throw new UntrustedFolderException("refusing the folder " + folder + ": it is not a folder");
        }
        int uid = (Integer) attributes.get("uid");
        int mode = (Integer) attributes.get("mode") & 07777;
        if (uid != Users.current()) {
            throw new UntrustedFolderException("refusing the folder " + folder + ": it is owned by " + owner(folder)
                    + ", not by " + Users.name(Users.current()) + " who runs Lido; remove it or give it to "
                    + Users.name(Users.current()) + " (chown) with no write access for others");
        }
        if ((mode & WRITABLE_BY_OTHERS) != 0) {
            throw new UntrustedFolderException("refusing the folder " + folder + ": other users can write it (mode "
                    + String.format("%04o", mode) + ", owner " + owner(folder) + "); chmod go-w it");
        }
    }

    /** "user 'bob' (uid 1001)". */
    static String owner(Path path) {
        try {
            return Users.name((Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            return "an unknown user";
        }
    }

    /** Gives a path's group to {@code gid} without following a link (lchown). */
    static void setGroup(Path path, int gid) {
        try {
            Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot give " + path + " to group " + gid + ": " + e.getMessage(), e);
        }
    }

    /** Thrown when a folder Lido would reuse is a link, or another user owns it or can write it. */
    public static final class UntrustedFolderException extends IllegalStateException {
        UntrustedFolderException(String message) {
            super(message);
        }
    }

    /** Users and groups of the system, read from /etc/passwd and /etc/group (the JDK has no API for either). */
    static final class Users {
        private Users() {
        }

        /** The effective uid of this process (the owner of /proc/self). */
        static int current() {
            try {
                return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            } catch (IOException | UnsupportedOperationException e) {
                throw new IllegalStateException("cannot tell which user Lido runs as (no /proc/self)", e);
            }
        }

        /** "user 'bob' (uid 1001)", or "uid 1001" for a uid without a name. */
        static String name(int uid) {
            for (String[] fields : entries(Path.of("/etc/passwd"))) {
                if (fields.length > 2 && fields[2].equals(Integer.toString(uid))) {
                    return "user '" + fields[0] + "' (uid " + uid + ")";
                }
            }
            return "uid " + uid;
        }

        static List<String[]> entries(Path file) {
            try {
                return Files.readAllLines(file).stream().map(line -> line.split(":", -1)).toList();
            } catch (IOException e) {
                return List.of();
            }
        }
    }
}
