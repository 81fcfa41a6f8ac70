package io.lido.activation;

import io.lido.ipc.link.WorkerEndpoint;
import io.lido.ipc.link.WorkerLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A worker JVM started by {@link ProcessWorkerLauncher}: the OS process plus the socket it connects to. */
final class OsWorkerProcess implements WorkerProcess {
    private static final Logger LOG = LoggerFactory.getLogger(OsWorkerProcess.class);
    private static final long THREAD_DUMP_TIMEOUT_SECONDS = 10;
    private static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-r-----");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Process process;
    private final WorkerEndpoint endpoint;
    private final Path logFolder;
    private final Path jcmd;
    private final ProcStatus proc;
    private final CompletableFuture<Integer> exited;
    private final Duration exitGrace;

    OsWorkerProcess(Process process, WorkerEndpoint endpoint, Path logFolder, Path jcmd, ProcStatus proc) {
        this(process, endpoint, logFolder, jcmd, proc, Duration.ZERO);
    }

    OsWorkerProcess(Process process, WorkerEndpoint endpoint, Path logFolder, Path jcmd, ProcStatus proc,
                    Duration exitGrace) {
        this.exitGrace = exitGrace;
        this.process = process;
        this.endpoint = endpoint;
        this.logFolder = logFolder;
        this.jcmd = jcmd;
        this.proc = proc;
        // A worker that dies before connecting would leave ready() pending forever: closing the
        // endpoint fails it.
        this.exited = process.onExit().thenApply(p -> {
            endpoint.close();
            return p.exitValue();
        });
    }

    @Override
    public Duration exitGrace() {
        return exitGrace;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public CompletableFuture<WorkerLink> ready() {
        return endpoint.ready();
    }

    @Override
    public CompletableFuture<Integer> exited() {
        return exited;
    }

    @Override
    public void kill() {
        process.destroyForcibly();
    }

    @Override
    public long residentMemoryKb() {
        return proc.kilobytes(pid(), "VmRSS");
    }

    @Override
    public long virtualMemoryKb() {
        return proc.kilobytes(pid(), "VmSize");
    }

    /**
     * {@code jcmd Thread.dump_to_file} into the pool's dumps folder (it includes virtual threads, where request
     * handlers run; the worker JVM writes the file, as the pool's user, so the folder is that user's); else
     * {@code jcmd Thread.print}, whose output the host writes into the pool's log folder; else SIGQUIT (the JVM
     * prints to its output, so into the pool's log). jcmd's own output comes through a pipe: the host opens no file
     * in the user's folder.
     */
    @Override
    public void writeThreadDump() {
        String stamp = LocalDateTime.now().format(STAMP);
        Path file = logFolder.resolve(PoolFolders.DUMPS).resolve("threaddump-" + pid() + "-" + stamp + ".txt")
                .toAbsolutePath();
        try {
            Jcmd toFile = jcmd("Thread.dump_to_file", "-format=text", file.toString());
            if (toFile.ok() && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                LOG.info("Thread dump of worker process {} written to {}", pid(), file);
                return;
            }
            Jcmd print = jcmd("Thread.print");
            if (print.ok()) {
                Path printed = logFolder.resolve("threaddump-" + pid() + "-" + stamp + ".txt");
                try (FileChannel out = FileChannel.open(printed, Set.of(StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PRIVATE_FILE))) {
                    out.write(ByteBuffer.wrap(print.output()));
                }
                LOG.info("Thread dump of worker process {} (platform threads only) written to {}", pid(), printed);
                return;
            }
            LOG.warn("jcmd could not dump worker process {} ({}); sending SIGQUIT, the dump goes to the pool's log",
                    pid(), new String(toFile.output(), StandardCharsets.UTF_8).strip());
            Process quit = new ProcessBuilder("kill", "-3", Long.toString(pid())).inheritIO().start();
            quit.waitFor(THREAD_DUMP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Thread.sleep(500); // the JVM prints the dump from its signal dispatcher thread
        } catch (IOException e) {
            throw new UncheckedIOException("cannot dump the threads of worker process " + pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What one jcmd run printed, and whether it succeeded in time. */
    private record Jcmd(boolean ok, byte[] output) {
    }

    /** Runs jcmd on the worker, its output read through a pipe. */
    private Jcmd jcmd(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid())));
        line.addAll(List.of(command));
        Process run = new ProcessBuilder(line).redirectErrorStream(true).start();
        run.getOutputStream().close();
        CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> {
            try (var in = run.getInputStream()) {
                return in.readAllBytes();
            } catch (IOException e) {
                return e.toString().getBytes(StandardCharsets.UTF_8);
            }
        }, Thread::startVirtualThread);
        if (!run.waitFor(THREAD_DUMP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            run.destroyForcibly();
            return new Jcmd(false, "jcmd timed out".getBytes(StandardCharsets.UTF_8));
        }
        try {
            return new Jcmd(run.exitValue() == 0, output.get(THREAD_DUMP_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return new Jcmd(false, e.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}
