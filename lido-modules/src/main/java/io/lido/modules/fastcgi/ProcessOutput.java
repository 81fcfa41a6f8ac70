package io.lido.modules.fastcgi;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * What a FastCGI program writes to its own stdout and stderr (not FCGI_STDERR: messages such as php-cgi's "Could not
 * open input file" at start), read on a thread of its own into Lido's log; the last lines are kept for the message of a
 * process that fails to start.
 */
final class ProcessOutput {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessOutput.class);
    private static final int KEPT = 10;
    private final ArrayDeque<String> recent = new ArrayDeque<>(KEPT);

    /** Starts reading {@code output} (the process's merged stdout and stderr) until it ends. */
    static ProcessOutput read(InputStream output, String program, long pid) {
        ProcessOutput lines = new ProcessOutput();
        // A platform thread: a blocking pipe read would hold a virtual thread's carrier.
        FastCgiApplications.serverThread(Thread.ofPlatform().daemon().name("lido-fastcgi-output-" + pid).unstarted(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    LOG.warn("{} (pid {}): {}", program, pid, line);
                    lines.add(line);
                }
            } catch (IOException e) {
                LOG.debug("{} (pid {}): output ended: {}", program, pid, e.toString());
            }
        })).start();
        return lines;
    }

    private synchronized void add(String line) {
        if (recent.size() == KEPT) {
            recent.removeFirst();
        }
        recent.addLast(line);
    }

    /** The last lines, joined with " / ", or "" when there were none. */
    synchronized String recent() {
        return String.join(" / ", recent);
    }
}
