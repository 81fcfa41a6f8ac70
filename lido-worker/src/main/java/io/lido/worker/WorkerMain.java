package io.lido.worker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * The worker process: {@code java ... io.lido.worker.WorkerMain --config <applicationHost.config>
 * --pool <name> --socket <path>}. Exit codes: 0 after a drain or when the host went away, 1 when the
 * configuration or an application cannot start, 2 for a bad command line.
 */
public final class WorkerMain {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerMain.class);

    private WorkerMain() {
    }

    public static void main(String[] args) {
        Instant entered = Instant.now();
        WorkerOptions options;
        try {
            options = WorkerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("lido worker: " + e.getMessage());
            System.exit(2);
            return;
        }
        Worker worker;
        try {
            worker = Worker.startProcess(options, entered);
        } catch (RuntimeException e) {
            LOG.error("Worker for application pool '{}' cannot start: {}", options.pool(), e.getMessage(), e);
            ExitWatch.ownExit();
            System.exit(1);
            return;
        }
        int code = worker.awaitExit();
        ExitWatch.ownExit();
        System.exit(code);
    }
}
