package io.lido.activation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Copies one worker's output (stdout and stderr: one pipe) into its pool's log, each line prefixed with the
 * worker's pid ({@code [12345] }), so that the pool's log is one file to follow across worker restarts; lines that
 * are the JVM's {@link AotChatter} go to the AOT cache's log instead. The worker never opens a file of the host's:
 * it only holds the write end of the pipe. One platform thread per worker, ending when the worker's last
 * descriptor of the pipe closes (it exits).
 */
final class WorkerOutput implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerOutput.class);
    /** A longer line is cut into lines of this length (a worker cannot make the host hold unbounded bytes). */
    static final int MAX_LINE = 16 * 1024;

    private final InputStream output;
    private final LineLog poolLog;
    private final Optional<LineLog> aotLog;
    private final byte[] prefix;
    private final byte[] aotPrefix;
    private byte[] line = new byte[256];
    private int length;

    WorkerOutput(InputStream output, long pid, String pool, LineLog poolLog, Optional<LineLog> aotLog) {
        this.output = output;
        this.poolLog = poolLog;
        this.aotLog = aotLog;
        this.prefix = ("[" + pid + "] ").getBytes(StandardCharsets.US_ASCII);
        this.aotPrefix = ("[" + pool + " " + pid + "] ").getBytes(StandardCharsets.UTF_8);
    }

    /** Starts copying the process's output (its error stream must be redirected into it). */
    static void start(Process process, String pool, LineLog poolLog, Optional<LineLog> aotLog) {
        process.getOutputStream(); // stdin stays the pipe the JDK made; the worker never reads it
        Thread.ofPlatform().daemon().name("lido-worker-output-" + process.pid())
                .start(new WorkerOutput(process.getInputStream(), process.pid(), pool, poolLog, aotLog));
    }

    @Override
    public void run() {
        byte[] buffer = new byte[8192];
        try (output) {
            int read;
            while ((read = output.read(buffer)) >= 0) {
                take(buffer, read);
            }
            if (length > 0) {
                flushLine();
            }
        } catch (IOException e) {
            LOG.warn("Cannot copy the output of a worker into {}: {}", poolLog.file(), e.toString());
        }
    }

    private void take(byte[] buffer, int read) throws IOException {
        for (int i = 0; i < read; i++) {
            byte b = buffer[i];
            if (b == '\n') {
                if (length > 0 && line[length - 1] == '\r') {
                    length--;
                }
                flushLine();
                continue;
            }
            if (length == line.length) {
                if (length == MAX_LINE) {
                    flushLine();
                } else {
                    line = Arrays.copyOf(line, Math.min(MAX_LINE, line.length * 2));
                }
            }
            line[length++] = b;
        }
    }

    private void flushLine() throws IOException {
        if (aotLog.isPresent() && AotChatter.matches(line, 0, length)) {
            aotLog.get().write(aotPrefix, line, 0, length);
        } else {
            poolLog.write(prefix, line, 0, length);
        }
        length = 0;
    }
}
