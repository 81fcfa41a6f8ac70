package io.lido.activation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The folder of the host's Unix sockets (the control socket and the workers' sockets), never a guessable name in a
 * shared temporary folder: the distribution's {@code work/run} (as Tomcat keeps its state in CATALINA_BASE/work).
 * A socket path holds at most ~107 bytes, so a distribution too deep for that gets a short private folder instead:
 * {@code /run/lido/<hash of the home>} when Lido runs as root, else {@code $XDG_RUNTIME_DIR/lido/<hash>} or
 * {@code /tmp/lido-<uid>/<hash>}; each folder is created by Lido's user or refused (see {@link TrustedFolder}).
 * Without a distribution (tests) it is a private temporary folder this process creates.
 *
 * <p>Folders are {@link TrustedFolder#TRAVERSE}: a pool's worker, running as its own user, reaches its socket
 * (mode 600, owned by that user) but cannot list or write the folder.
 */
public final class RunFolder {
    private static final Logger LOG = LoggerFactory.getLogger(RunFolder.class);
    /** sun_path is 108 bytes with its terminating zero. */
    static final int MAX_SOCKET_PATH = 107;
    /** The longest name below the folder: {@code <pid>/<socket name of a worker>} (see ProcessWorkerLauncher). */
    static final int LONGEST_NAME = 48;
    private static volatile Path temporary;

    private RunFolder() {
    }

    /** The run folder of the distribution named by {@code lido.home}, or this process's temporary one. */
    public static Path current() {
        return of(Optional.ofNullable(System.getProperty("lido.home")).map(Path::of));
    }

    /** The run folder of a distribution (created or checked now), or this process's temporary one (empty home). */
    static Path of(Optional<Path> home) {
        if (home.isEmpty()) {
            return temporary();
        }
        Path absolute = home.get().toAbsolutePath().normalize();
        Path work = absolute.resolve("work");
        Path run = work.resolve("run");
        if (fits(run)) {
            TrustedFolder.ensure(work, TrustedFolder.TRAVERSE);
            return TrustedFolder.ensure(run, TrustedFolder.TRAVERSE);
        }
        Path base = privateBase();
        Path fallback = base.resolve(Integer.toHexString(absolute.toString().hashCode()));
        TrustedFolder.ensure(base, TrustedFolder.TRAVERSE);
        return TrustedFolder.ensure(fallback, TrustedFolder.TRAVERSE);
    }

    /** The control socket of the host that runs {@code configFile}: the CLI finds it from the same path. */
    public static Path controlSocket(Path configFile) {
        String id = Integer.toHexString(configFile.toAbsolutePath().normalize().toString().hashCode());
        return current().resolve("control-" + id + ".sock");
    }

    /**
     * A folder of this host process's own for its workers' sockets, {@code <run folder>/<pid>}, after deleting the
     * folders of hosts that are no longer running.
     */
    public static Path workerSockets() {
        Path run = current();
        sweepDeadHosts(run);
        return TrustedFolder.ensure(run.resolve(Long.toString(ProcessHandle.current().pid())),
                TrustedFolder.TRAVERSE);
    }

    static boolean fits(Path folder) {
        return folder.toString().length() + 1 + LONGEST_NAME <= MAX_SOCKET_PATH;
    }

    /** {@code /run/lido} for root; {@code $XDG_RUNTIME_DIR/lido} when it is this user's; else /tmp/lido-<uid>. */
    private static Path privateBase() {
        int uid = TrustedFolder.Users.current();
        if (uid == 0) {
            return Path.of("/run/lido");
        }
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank()) {
            Path xdg = Path.of(runtime);
            try {
                TrustedFolder.check(xdg);
                return xdg.resolve("lido");
            } catch (RuntimeException e) {
                LOG.debug("XDG_RUNTIME_DIR {} is not a private folder: {}", xdg, e.getMessage());
            }
        }
        return Path.of("/tmp", "lido-" + uid);
    }

    private static Path temporary() {
        Path folder = temporary;
        if (folder != null) {
            return folder;
        }
        synchronized (RunFolder.class) {
            if (temporary == null) {
                try {
                    // createTempDirectory picks a random name and creates it 0700: nobody can have made it first.
                    Path created = Files.createTempDirectory("lido-run-");
                    created.toFile().deleteOnExit();
                    temporary = TrustedFolder.ensure(created, TrustedFolder.TRAVERSE);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create a private folder for Lido's sockets", e);
                }
            }
            return temporary;
        }
    }

    /** Deletes {@code <pid>} folders of host processes that no longer run (killed before their clean-up). */
    private static void sweepDeadHosts(Path run) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(run)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)
                        && ProcessHandle.of(Long.parseLong(name)).isEmpty()) {
                    LinkSafeFiles.deleteTree(entry);
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.warn("Cannot delete the socket folders of stopped hosts in {}: {}", run, e.toString());
        }
    }
}
