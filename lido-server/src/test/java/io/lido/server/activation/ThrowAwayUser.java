package io.lido.server.activation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An unprivileged local user made for one test ({@code useradd}, no home, no login) and removed by
 * {@link #close()}: a pool identity under a root host, as an IIS pool identity would be.
 */
final class ThrowAwayUser implements AutoCloseable {
    final String name;

    private ThrowAwayUser(String name) {
        this.name = name;
    }

    /** A new user {@code lido<random><suffix>}; the caller must be root. */
    static ThrowAwayUser create(String suffix) throws IOException, InterruptedException {
        String name = "lido" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xffffff)) + suffix;
        run("useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin",
                name);
        return new ThrowAwayUser(name);
    }

    /** Makes {@code folder} and everything in it this user's, readable by nobody else (mode 0700 / 0600). */
    void ownPrivately(Path folder) throws IOException {
        UserPrincipal user = folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(name);
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.toList()) {
                Files.setOwner(p, user);
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwx------"
                        : "rw-------"));
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        // Its processes are gone with the host; --force removes the user even if one lingers.
        run("userdel", "--force", name);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
