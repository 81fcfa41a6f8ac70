package io.lido.modules.fastcgi;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One process of a FastCGI process pool (IIS: an "instance"): the program listening on its own Unix socket, and
 * the one connection Lido keeps to it (FCGI_KEEP_CONN: php-cgi serves one connection at a time, so the connection is
 * the process). It serves one request at a time; the pool's lock guards {@link #served} and the state, the request
 * thread uses the connection, the pool's sweeper may {@link #kill} it from another thread.
 */
final class FastCgiProcess {
    private final Process process;
    private final Path socket;
    private final long ordinal;
    private final ProcessOutput output;
    private SocketChannel channel;
    private FastCgiWriter writer;
    private FastCgiReader reader;
    private BufferedInputStream input;
    /** Requests given to this process (the pool's lock). */
    int served;
    /** It has had its last request: it takes no other (the pool's lock). */
    boolean retiring;
    /** When it last went idle, or when it started (epoch ms; the pool's lock). */
    long idleSince;
    /** When its current request started, and when it last sent or took a byte (epoch ms). */
    volatile long busySince;
    volatile long lastActivity;
    private volatile String killedBecause;

    FastCgiProcess(Process process, Path socket, long ordinal, ProcessOutput output) {
        this.process = process;
        this.socket = socket;
        this.ordinal = ordinal;
        this.output = output;
    }

    long pid() {
        return process.pid();
    }

    long ordinal() {
        return ordinal;
    }

    Process process() {
        return process;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Why Lido killed it while it served a request (a timeout, stderrMode TerminateProcess), or null. */
    String killedBecause() {
        return killedBecause;
    }

    /** The last lines the program wrote to its own stdout/stderr (outside FastCGI), for messages. */
    String recentOutput() {
        return output.recent();
    }

    /** Connects to the process's socket, unless connected. */
    void connect() throws IOException {
        if (channel != null && channel.isOpen()) {
            return;
        }
        SocketChannel opened = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            opened.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            opened.close();
            throw e;
        }
        channel = opened;
        input = new BufferedInputStream(Channels.newInputStream(opened), 64 * 1024);
        reader = new FastCgiReader(input);
        writer = new FastCgiWriter(Channels.newOutputStream(opened));
    }

    FastCgiWriter writer() {
        return writer;
    }

    FastCgiReader reader() {
        return reader;
    }

    /** Whether a read would not block: bytes are buffered or waiting on the socket. */
    boolean inputPending() throws IOException {
        return input.available() > 0;
    }

    /** Closes the connection (the process, if alive, accepts the next one). */
    void disconnect() {
        SocketChannel open = channel;
        channel = null;
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                // closing a Unix socket does not fail in a way that matters here
            }
        }
    }

    /** Kills the process now (SIGKILL) and closes the connection, which ends a read or write blocked on it. */
    void kill(String reason) {
        killedBecause = reason;
        process.destroyForcibly();
        SocketChannel open = channel;
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                // see disconnect()
            }
        }
    }

    /**
     * Ends the process: closes the connection, then SIGTERM and up to {@code grace} to exit before SIGKILL; with no
     * grace SIGKILL at once (IIS terminates the process unless signalBeforeTerminateSeconds is set). Returns at once;
     * the socket file is deleted when the process has gone.
     */
    void stop(Duration grace) {
        disconnect();
        if (grace.isZero()) {
            process.destroyForcibly();
        } else {
            process.destroy();
            process.onExit().orTimeout(grace.toMillis(), TimeUnit.MILLISECONDS)
                    .exceptionally(timeout -> {
                        process.destroyForcibly();
                        return process;
                    });
        }
        process.onExit().thenRun(this::deleteSocket);
    }

    void deleteSocket() {
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // the folder goes when the process stops serving FastCGI
        }
    }

    void touch(long now) {
        lastActivity = now;
    }

    @Override
    public String toString() {
        return "FastCGI process " + ordinal + " (pid " + process.pid() + ")";
    }
}
