package io.lido.server.activation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An unprivileged local user made for one test ({@code useradd}, no home, no login shell) and removed after
 * ({@code userdel}): a pool identity, or a local user who tries to get at what root does. Needs root.
 */
final class ThrowawayUser implements AutoCloseable {
    private final String name;
    private final int uid;
    private final int gid;

    private ThrowawayUser(String name, int uid, int gid) {
        this.name = name;
        this.uid = uid;
        this.gid = gid;
    }

    static ThrowawayUser create() throws IOException, InterruptedException {
        String name = "lido" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        HostProcess.CliResult made = exec(List.of("useradd", "--system", "--user-group", "--no-create-home",
                "--shell", "/usr/sbin/nologin", name));
        if (made.status() != 0) {
            throw new IllegalStateException("useradd " + name + " failed: " + made.output());
        }
        for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
            String[] fields = line.split(":");
            if (fields[0].equals(name)) {
                return new ThrowawayUser(name, Integer.parseInt(fields[2]), Integer.parseInt(fields[3]));
            }
        }
        throw new IllegalStateException("useradd " + name + " made no /etc/passwd entry");
    }

    String name() {
        return name;
    }

    int uid() {
        return uid;
    }

    int gid() {
        return gid;
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

    /** Runs a shell script as this user; its exit status and output (stdout and stderr). */
    HostProcess.CliResult run(String script) throws IOException, InterruptedException {
        return exec(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--init-groups", "--", "/bin/sh", "-c",
                script));
    }

    static HostProcess.CliResult exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish");
        }
        return new HostProcess.CliResult(process.exitValue(), output);
    }

    /** Removes the user (and its group); its processes (the test's workers) have been stopped by then. */
    @Override
    public void close() throws IOException, InterruptedException {
        HostProcess.CliResult removed = exec(List.of("userdel", name));
        for (int attempt = 0; removed.status() != 0 && attempt < 20; attempt++) {
            HostProcess.sleep(500); // a worker of the test still exiting
            removed = exec(List.of("userdel", name));
        }
        if (removed.status() != 0) {
            throw new IllegalStateException("userdel " + name + " failed: " + removed.output());
        }
        // The JVM's performance-data folder of the user's worker JVMs (the JVM's, not Lido's): owned by the uid.
        Path perfData = Path.of("/tmp/hsperfdata_" + name);
        if (Files.isDirectory(perfData, LinkOption.NOFOLLOW_LINKS)
                && (Integer) Files.getAttribute(perfData, "unix:uid", LinkOption.NOFOLLOW_LINKS) == uid) {
            try (Stream<Path> files = Files.list(perfData)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(perfData);
        }
    }
}
