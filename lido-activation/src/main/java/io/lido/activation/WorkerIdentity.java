package io.lido.activation;

import io.lido.config.ApplicationPoolConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The user a pool's workers run as ({@code processModel userName}) when the host runs as root: the
 * worker is started through util-linux {@code setpriv}, which switches user and groups and then execs
 * java (same pid, so the exit code and signals are the worker's own), and what the worker needs to write (its
 * socket, its dumps folder, its shadow-copy folder, the AOT training folder) is handed to that user. Its log is not:
 * the host writes the worker's output into it (see {@link WorkerOutput}).
 *
 * @param user the user name
 * @param uid  its uid
 * @param gid  its primary gid
 * @param home its home folder (HOME of the worker)
 */
record WorkerIdentity(String user, int uid, int gid, String home) {

    /**
     * The identity of a pool's workers, or empty when they run as the host's user (no userName, or the
     * host is not root and so cannot switch).
     *
     * @throws IllegalArgumentException when the user does not exist
     */
    static Optional<WorkerIdentity> of(ApplicationPoolConfig pool, boolean hostIsRoot, Path passwd) {
        String user = pool.processModel().userName();
        if (user == null || user.isBlank() || !hostIsRoot) {
            return Optional.empty();
        }
        try {
            for (String line : Files.readAllLines(passwd)) {
                String[] fields = line.split(":", -1);
                if (fields.length >= 6 && fields[0].equals(user)) {
                    return Optional.of(new WorkerIdentity(user, Integer.parseInt(fields[2]),
                            Integer.parseInt(fields[3]), fields[5]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + passwd + " to find user '" + user + "'", e);
        }
        throw new IllegalArgumentException("application pool '" + pool.name() + "'" + where(pool)
                + ": processModel userName '" + user + "' is not a user of this system");
    }

    /** Whether this process runs as root (the owner of /proc/self is the effective uid). */
    static boolean hostIsRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false; // no /proc (not Linux): Lido cannot switch users there anyway
        }
    }

    /** The command that runs the rest of the command line as this user. */
    List<String> commandPrefix() {
        return List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--init-groups", "--");
    }

    /**
     * Hands a file or folder to this user (its group: {@code group}), never through a link (lchown). The path must be
     * in a folder only the host can write, so that nobody can swap it for something else first.
     */
    void own(Path path, int group) {
        try {
            Files.setAttribute(path, "unix:gid", group, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot give " + path + " to user '" + user + "'", e);
        }
    }

    /** {@link #own(Path, int)} with this user's own group. */
    void own(Path path) {
        own(path, gid);
    }

    private static String where(ApplicationPoolConfig pool) {
        return pool.location() == null ? "" : " (" + pool.location() + ")";
    }
}
