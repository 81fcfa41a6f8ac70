package io.lido.worker;

import io.lido.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * The worker process: {@code java ... io.lido.worker.WorkerMain --pool <name> --socket <path>}; its
 * configuration comes from the host over the socket. Exit codes: 0 after a drain or when the host went away,
 * 1 when the worker cannot start, 2 for a bad command line, {@value #CONFIGURATION_ERROR} when the configuration
 * the host sent is invalid or defines no such pool (the host then retries with the next valid configuration).
 */
public final class WorkerMain {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerMain.class);

    /** The exit code of a worker whose configuration is invalid. */
    public static final int CONFIGURATION_ERROR = 3;

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
        } catch (ConfigException | IllegalArgumentException e) {
            LOG.error("Worker for application pool '{}' cannot start: its configuration is invalid: {}", options.pool(),
                    e.getMessage(), e);
            System.exit(CONFIGURATION_ERROR);
            return;
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
