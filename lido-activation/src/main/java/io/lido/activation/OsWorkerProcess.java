package io.lido.activation;

import io.lido.ipc.link.WorkerEndpoint;
import io.lido.ipc.link.WorkerLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A worker JVM started by {@link ProcessWorkerLauncher}: the OS process plus the socket it connects to. */
final class OsWorkerProcess implements WorkerProcess {
    private static final Logger LOG = LoggerFactory.getLogger(OsWorkerProcess.class);
    private static final long THREAD_DUMP_TIMEOUT_SECONDS = 10;
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
     * {@code jcmd Thread.dump_to_file} into the pool's log folder (it includes virtual threads, where
     * request handlers run); else {@code jcmd Thread.print}; else SIGQUIT (the JVM prints to its log).
     */
    @Override
    public void writeThreadDump() {
        String stamp = LocalDateTime.now().format(STAMP);
        Path file = logFolder.resolve("threaddump-" + pid() + "-" + stamp + ".txt").toAbsolutePath();
        Path attempt = logFolder.resolve("threaddump-" + pid() + "-" + stamp + ".jcmd.txt");
        try {
            if (jcmd(attempt, "Thread.dump_to_file", "-format=text", file.toString()) && Files.exists(file)) {
                Files.deleteIfExists(attempt);
                LOG.info("Thread dump of worker process {} written to {}", pid(), file);
                return;
            }
            if (jcmd(file, "Thread.print")) {
                Files.deleteIfExists(attempt);
                LOG.info("Thread dump of worker process {} (platform threads only) written to {}", pid(), file);
                return;
            }
            LOG.warn("jcmd could not dump worker process {} (see {}); sending SIGQUIT, the dump goes to the worker's log",
                    pid(), attempt);
            Process quit = new ProcessBuilder("kill", "-3", Long.toString(pid())).inheritIO().start();
            quit.waitFor(THREAD_DUMP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Thread.sleep(500); // the JVM prints the dump from its signal dispatcher thread
        } catch (IOException e) {
            throw new UncheckedIOException("cannot dump the threads of worker process " + pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs jcmd on the worker with its output in {@code output}; whether it succeeded in time. */
    private boolean jcmd(Path output, String... command) throws IOException, InterruptedException {
        java.util.List<String> line = new java.util.ArrayList<>(java.util.List.of(jcmd.toString(), Long.toString(pid())));
        line.addAll(java.util.List.of(command));
        Process run = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!run.waitFor(THREAD_DUMP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            run.destroyForcibly();
            return false;
        }
        return run.exitValue() == 0;
    }
}
