package io.lido.modules.fastcgi;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Starts FastCGI processes: {@code fullPath -b <socket> arguments...} (php-cgi's way of listening on a socket of the
 * server's choosing: the JDK cannot hand a process a listening socket as FD 0, FCGI_LISTENSOCK_FILENO), with the
 * process's environment, the application's environmentVariables, {@code PHP_FCGI_MAX_REQUESTS} (instanceMaxRequests
 * unless set) and {@code PHP_FCGI_CHILDREN=0} (Lido is the process manager: one php-cgi is one instance), and waits
 * until the socket accepts.
 *
 * <p>Through util-linux {@code setpriv --pdeathsig KILL}, so that a process dies with the JVM that started it even
 * when that JVM is killed. The signal is tied to the thread that forked the process, so every process is started from
 * one long-lived platform thread of this launcher.
 */
final class FastCgiLauncher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FastCgiLauncher.class);
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    /** How long a new process may take to listen; php-cgi needs a few milliseconds. */
    static final Duration START_TIME_LIMIT = Duration.ofSeconds(10);

    private final SocketFolder sockets;
    private final AtomicLong ordinals = new AtomicLong();
    private final ExecutorService forker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "lido-fastcgi-launcher");
        thread.setDaemon(true);
        FastCgiApplications.serverThread(thread);
        return thread;
    });

    FastCgiLauncher(SocketFolder sockets) {
        this.sockets = sockets;
    }

    /**
     * Starts a process and waits until it accepts connections.
     *
     * @throws IOException naming the program and what it printed when it cannot be started or exits first
     */
    FastCgiProcess start(FastCgiSettings settings) throws IOException {
        // On a platform thread: polled from a request's virtual thread, the wait below was seen to stall until the
        // request was interrupted (in the host, not in a plain JVM); a start is rare enough for a thread of its own.
        java.util.concurrent.FutureTask<FastCgiProcess> task = new java.util.concurrent.FutureTask<>(
                () -> startNow(settings));
        FastCgiApplications.serverThread(Thread.ofPlatform().name("lido-fastcgi-start").daemon().unstarted(task))
                .start();
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting " + settings.fullPath(), e);
        }
    }

    private FastCgiProcess startNow(FastCgiSettings settings) throws IOException {
        long ordinal = ordinals.incrementAndGet();
        Path socket = sockets.socket(ordinal);
        Files.deleteIfExists(socket);
        List<String> command = command(settings, socket);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Path program = Path.of(settings.fullPath());
        if (program.getParent() != null) {
            builder.directory(program.getParent().toFile());
        }
        Map<String, String> environment = builder.environment();
        environment.putAll(settings.environment());
        environment.putIfAbsent(FastCgiSettings.PHP_MAX_REQUESTS, Integer.toString(settings.requestsPerProcess()));
        environment.put("PHP_FCGI_CHILDREN", "0");
        Process process = fork(builder, settings);
        ProcessOutput output = ProcessOutput.read(process.getInputStream(), settings.fullPath(), process.pid());
        FastCgiProcess started = new FastCgiProcess(process, socket, ordinal, output);
        try {
            awaitListening(started, socket, settings);
        } catch (IOException | RuntimeException e) {
            started.kill("it did not start");
            started.deleteSocket();
            throw e;
        }
        LOG.debug("Started {} for {}", started, settings.scriptProcessor());
        return started;
    }

    private static List<String> command(FastCgiSettings settings, Path socket) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETPRIV)) {
            command.addAll(List.of(SETPRIV.toString(), "--pdeathsig", "KILL", "--"));
        }
        command.add(settings.fullPath());
        command.add("-b");
        command.add(socket.toString());
        command.addAll(settings.argumentList());
        return command;
    }

    private Process fork(ProcessBuilder builder, FastCgiSettings settings) throws IOException {
        Future<Process> forked = forker.submit((Callable<Process>) builder::start);
        try {
            return forked.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new IOException("cannot start the FastCGI program " + settings.fullPath() + ": " + cause.getMessage(),
                    cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting " + settings.fullPath(), e);
        }
    }

    /** Connects until the process accepts (then hangs up: the pool connects for the first request). */
    private static void awaitListening(FastCgiProcess process, Path socket, FastCgiSettings settings) throws IOException {
        long deadline = System.nanoTime() + START_TIME_LIMIT.toNanos();
        long pause = 1;
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("the FastCGI program " + settings.fullPath() + " exited with status "
                        + process.process().exitValue() + " before listening on " + socket + printed(process));
            }
            if (Files.exists(socket)) {
                try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    probe.connect(UnixDomainSocketAddress.of(socket));
                    return;
                } catch (IOException e) {
                    // not accepting yet
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the FastCGI program " + settings.fullPath() + " (pid " + process.pid()
                        + ") did not listen on " + socket + " within " + START_TIME_LIMIT.toSeconds() + " s"
                        + printed(process));
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + settings.fullPath(), e);
            }
            pause = Math.min(pause * 2, 20);
        }
    }

    private static String printed(FastCgiProcess process) {
        try {
            Thread.sleep(20); // let the output reader catch the last line
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String output = process.recentOutput();
        return output.isEmpty() ? "" : "; it printed: " + output;
    }

    @Override
    public void close() {
        forker.shutdownNow();
    }
}
