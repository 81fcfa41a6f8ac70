package io.lido.server.activation;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.lido.server.activation.HostProcess.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 parts 1-3 through the real distribution started as root, with a throw-away unprivileged user as the
 * pool identity or as a local user: a pool's user cannot make root touch its files, no shared temporary folder is
 * trusted, and what Lido writes is private (docs/security.md).
 */
class FileSecurityIT {
    private static final Duration LONG = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final WorkerTestSite site = new WorkerTestSite();

    @BeforeEach
    void onlyAsRoot() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root: it switches users");
    }

    @Test
    void aPoolUserWhoPlantsLinksAndKillsItsWorkerGetsNoFileOfRoots() throws Exception {
        try (ThrowawayUser user = ThrowawayUser.create()) {
            Path config = poolRunsAs(user);
            Path secret = Files.writeString(dir.resolve("root-only.txt"), "root's secret\n");
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
            Path folder = dir.resolve("logs/AppPools/AppPool");
            try (HostProcess host = HostProcess.start(config, Map.of())) {
                long first = Long.parseLong(host.get("/pid").body());
                assertThat(ProcessHandle.of(first).orElseThrow().info().user()).contains(user.name());

                // Everything the pool's user can try: links where the host writes the pool's log, where it wrote
                // the starting logs of the next workers, and where the worker itself may write (its dumps folder).
                StringBuilder script = new StringBuilder();
                for (int n = 1; n <= 9; n++) {
                    script.append(plant(secret, folder.resolve("worker-starting-" + n + ".log")));
                }
                script.append(plant(secret, folder.resolve("AppPool.log.1")));
                script.append(plant(secret, folder.resolve("dumps/threaddump.txt")));
                script.append(plant(secret, HostProcess.dist().resolve("work/run/planted")));
                script.append("rm -f ").append(folder.resolve("AppPool.log")).append(" && echo removed-log; ");
                script.append("kill -9 ").append(first).append(" && echo killed; ");
                HostProcess.CliResult tried = user.run(script.toString());

                assertThat(tried.output()).as("the pool's log folder is the host's").doesNotContain("planted "
                        + folder.resolve("worker-starting-1.log")).doesNotContain("removed-log")
                        .doesNotContain("planted " + HostProcess.dist().resolve("work/run/planted"))
                        .contains("planted " + folder.resolve("dumps/threaddump.txt")).contains("killed");
                awaitTrue(() -> ProcessHandle.of(first).isEmpty(), LONG, "the killed worker to be gone");
                long second = Long.parseLong(host.get("/pid").body());
                assertThat(second).isNotEqualTo(first);
                assertThat(host.cli("recycle", "apppool", "AppPool").status()).isZero();
                awaitTrue(() -> ProcessHandle.of(second).isEmpty(), LONG, "the recycled worker to exit");
                assertThat(host.get("/pid").statusCode()).isEqualTo(200);
            }
            assertThat(Files.getOwner(secret, LinkOption.NOFOLLOW_LINKS).getName()).isEqualTo("root");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
            assertThat(secret).hasContent("root's secret");
            Path log = folder.resolve("AppPool.log");
            assertThat(Files.isSymbolicLink(log)).isFalse();
            assertThat(Files.getOwner(log).getName()).isEqualTo("root");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-r-----");
            assertThat(Files.readString(log)).as("every worker's lines, under its pid")
                    .containsPattern("\\[\\d+\\] --- \\S+ \\S+ worker 1 of application pool 'AppPool' started as user '"
                            + user.name() + "'")
                    .containsPattern("\\[\\d+\\] --- \\S+ \\S+ worker 3 of application pool 'AppPool' started");
        }
    }

    @Test
    void nothingLidoWritesIsWorldReadableOrWritableByThePoolUserOutsideItsOwnFolders() throws Exception {
        try (ThrowawayUser user = ThrowawayUser.create()) {
            Path config = poolRunsAs(user);
            try (HostProcess host = HostProcess.start(config, Map.of())) {
                long first = Long.parseLong(host.get("/pid").body());
                assertThat(host.get("/ok").statusCode()).isEqualTo(200);
                host.get("/crashy/ok?session=secret"); // another pool's worker, running as root
                assertThat(host.cli("recycle", "apppool", "AppPool").status()).isZero();
                awaitTrue(() -> ProcessHandle.of(first).isEmpty(), LONG, "the recycled worker to exit");
                assertThat(host.get("/ok").statusCode()).isEqualTo(200);
            }
            Path dist = HostProcess.dist();
            List<String> problems = new ArrayList<>();
            for (Path root : List.of(dir.resolve("logs"), dist.resolve("conf"), dist.resolve("work"))) {
                try (Stream<Path> all = Files.walk(root)) {
                    for (Path path : all.toList()) {
                        check(path, dist, user, problems);
                    }
                }
            }
            assertThat(problems).isEmpty();
            assertThat(dir.resolve("logs/AppPools/AppPool/AppPool.log")).exists();
            assertThat(mode(dist.resolve("conf"))).isEqualTo(0750);
            assertThat(mode(dist.resolve("conf/applicationHost.config"))).isEqualTo(0640);
            assertThat(mode(dir.resolve("logs/AppPools/AppPool/dumps")) & 0777).isEqualTo(0750);
            assertThat(Files.getOwner(dir.resolve("logs/AppPools/AppPool/dumps")).getName()).isEqualTo(user.name());
        }
    }

    @Test
    void aLocalUserWhoMadeTheOldTemporaryPathsFirstReceivesNothing() throws Exception {
        Path config = site.write(dir);
        String id = Integer.toHexString(config.toAbsolutePath().normalize().toString().hashCode());
        Path oldControl = Path.of("/tmp/lido-control-" + id + ".sock");
        Path oldShadow = Path.of("/tmp/lido-shadow-root");
        try (ThrowawayUser user = ThrowawayUser.create()) {
            boolean madeShadow = !Files.exists(oldShadow, LinkOption.NOFOLLOW_LINKS);
            HostProcess.CliResult made = user.run("touch " + oldControl + " && chmod 777 " + oldControl
                    + (madeShadow ? " && mkdir -m 777 " + oldShadow : ""));
            assertThat(made.status()).as(made.output()).isZero();
            try (HostProcess host = HostProcess.start(config, Map.of())) {
                long worker = Long.parseLong(host.get("/pid").body());
                assertThat(host.cli("list", "wp").status()).as("the CLI finds the control socket").isZero();
                assertThat(oldShadow.resolve(Long.toString(worker))).as("no shadow copy in /tmp").doesNotExist();
                assertThat(HostProcess.dist().resolve("work/shadow/AppPool/" + worker)).isDirectory();
                assertThat(oldControl).as("the user's file is left alone").isRegularFile();
                assertThat(Files.getOwner(oldControl).getName()).isEqualTo(user.name());
                try (Stream<Path> sockets = Files.list(HostProcess.dist().resolve("work/run"))) {
                    assertThat(sockets.map(p -> p.getFileName().toString())).contains("control-" + id + ".sock");
                }
            } finally {
                Files.deleteIfExists(oldControl);
                if (madeShadow) {
                    removeIfEmptyElseGiveToRoot(oldShadow);
                }
            }
        }
    }

    @Test
    void aReusedFolderThatAnotherUserOwnsOrCanWriteStopsLidoNamingIt() throws Exception {
        Path dist = dir.resolve("lido");
        for (String folder : new String[]{"bin", "conf", "lib"}) {
            HostProcess.copyTree(HostProcess.dist().resolve(folder), dist.resolve(folder));
        }
        Path config = site.write(dir.resolve("site"));
        try (ThrowawayUser user = ThrowawayUser.create()) {
            Path run = Files.createDirectories(dist.resolve("work/run"));
            Files.setAttribute(run, "unix:uid", user.uid());
            HostProcess.CliResult refused = runToExit(dist, config);
            assertThat(refused.status()).as(refused.output()).isEqualTo(1);
            assertThat(refused.output()).contains("refusing the folder " + run + ": it is owned by user '"
                    + user.name() + "'");

            Files.setAttribute(run, "unix:uid", 0);
            Path logs = Files.createDirectories(dir.resolve("site/logs"));
            Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwxrwxrwx"));
            HostProcess.CliResult writable = runToExit(dist, config);
            assertThat(writable.status()).as(writable.output()).isEqualTo(1);
            assertThat(writable.output()).contains("refusing the folder ").contains("logs: other users can write it"
                    + " (mode 0777, owner user 'root' (uid 0))");
        }
    }

    /** The pool runs as the user, who can read its configuration and application (as IIS_IUSRS can). */
    private Path poolRunsAs(ThrowawayUser user) throws IOException {
        site.appPoolProcessModel = "identityType=\"SpecificUser\" userName=\"" + user.name() + "\"";
        Path config = site.write(dir);
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return config;
    }

    private static String plant(Path target, Path link) {
        return "ln -s " + target + " " + link + " 2>/dev/null && echo planted " + link + "; ";
    }

    /**
     * Nothing world-readable (folders may let others pass through; AOT caches hold only lib/'s and the JDK's
     * classes), nothing world-writable, and nothing the pool's user owns or can write outside its dumps and
     * shadow-copy folders.
     */
    private static void check(Path path, Path dist, ThrowawayUser user, List<String> problems) throws IOException {
        int mode = mode(path);
        int uid = (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        int gid = (Integer) Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS);
        boolean directory = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
        boolean aotCache = path.getParent().equals(dist.resolve("work/aot")) && path.toString().endsWith(".aot");
        String where = path + " (" + String.format("%04o", mode) + ", uid " + uid + ")";
        if ((mode & 0004) != 0 && !aotCache) {
            problems.add("world-readable: " + where);
        }
        if ((mode & 0002) != 0) {
            problems.add("world-writable: " + where);
        }
        boolean poolWrites = (uid == user.uid() && (mode & 0200) != 0) || (gid == user.gid() && (mode & 0020) != 0);
        boolean ownFolder = path.startsWith(dist.resolve("work/shadow/AppPool"))
                || path.toString().contains("/logs/AppPools/AppPool/dumps")
                || (path.startsWith(dist.resolve("work/aot")) && path.toString().contains(".training"));
        if ((poolWrites || uid == user.uid()) && !ownFolder) {
            problems.add("the pool's user can write or owns: " + where);
        }
        if (!directory && Files.isSymbolicLink(path)) {
            problems.add("a link: " + where);
        }
    }

    private static int mode(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    private static HostProcess.CliResult runToExit(Path dist, Path config) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(dist.resolve("bin/lido").toString(), "run", "--config",
                config.toString()).redirectErrorStream(true);
        builder.environment().put("LIDO_AOT", "0");
        builder.environment().put("LIDO_AOT_PRETRAIN", "0");
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Lido did not stop:\n" + output);
        }
        return new HostProcess.CliResult(process.exitValue(), output);
    }

    private static void removeIfEmptyElseGiveToRoot(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            if (entries.findAny().isEmpty()) {
                Files.delete(folder);
                return;
            }
        }
        Files.setAttribute(folder, "unix:uid", 0, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(folder, "unix:gid", 0, LinkOption.NOFOLLOW_LINKS);
    }
}
