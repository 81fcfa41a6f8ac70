package io.lido.worker;

import java.nio.file.Path;

/**
 * The worker's command line: {@code --pool <name> --socket <path>}. There is no configuration file: the host
 * sends the pool's configuration over the socket (docs/ipc.md, CONFIG).
 *
 * @param pool   the application pool whose applications this worker hosts
 * @param socket the host's Unix domain socket to connect to
 */
public record WorkerOptions(String pool, Path socket) {

    /** How to call the worker, for error messages. */
    public static final String USAGE = "usage: java -cp <lib/*> io.lido.worker.WorkerMain --pool <name> --socket <path>";

    /**
     * Parses the arguments.
     *
     * @throws IllegalArgumentException naming the missing, unknown or valueless option
     */
    public static WorkerOptions parse(String... args) {
        String pool = null;
        Path socket = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value; " + USAGE);
            }
            String value = args[++i];
            switch (option) {
                case "--pool" -> pool = value;
                case "--socket" -> socket = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + option + "; " + USAGE);
            }
        }
        if (pool == null || socket == null) {
            throw new IllegalArgumentException("missing option " + (pool == null ? "--pool" : "--socket") + "; " + USAGE);
        }
        return new WorkerOptions(pool, socket);
    }
}
