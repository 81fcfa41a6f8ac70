package io.lido.activation;

import io.lido.config.ApplicationPoolConfig;
import io.lido.ipc.link.WorkerEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts worker JVMs: {@code java <pool jvmOptions> <Lido's JVM flags> -cp <the host's class path>
 * io.lido.worker.WorkerMain --config FILE --pool NAME --socket PATH}, with the host's own java binary
 * and class path (the distribution's lib/), the pool's environment variables, stdout and stderr appended
 * to {@code <logs>/AppPools/<pool>/worker-<pid>.log}, and — when the host is root and the pool names a
 * user — as that user.
 */
public final class ProcessWorkerLauncher implements WorkerLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessWorkerLauncher.class);

    /** The flags Lido itself runs with (Netty's native transport and memory access). */
    static final List<String> LIDO_JVM_FLAGS =
            List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow");
    static final String WORKER_MAIN = "io.lido.worker.WorkerMain";
    /** Host settings a worker inherits, so that applications log the same way in both hosting models. */
    private static final List<String> INHERITED_PROPERTIES = List.of("java.util.logging.SimpleFormatter.format");

    private final Path configFile;
    private final Path runDirectory;
    private final Path logRoot;
    private final String javaCommand;
    private final String classPath;
    private final boolean hostIsRoot;

    /**
     * @param configFile   the applicationHost.config the workers load
     * @param runDirectory a short folder for the workers' sockets (Unix socket paths max ~107 bytes)
     * @param logRoot      the logs folder; worker output goes to {@code AppPools/<pool>/} below it
     */
    public ProcessWorkerLauncher(Path configFile, Path runDirectory, Path logRoot) {
        this(configFile, runDirectory, logRoot,
                ProcessHandle.current().info().command()
                        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                System.getProperty("java.class.path"), WorkerIdentity.hostIsRoot());
    }

    /** {@code -Dname=value} for each inherited property the host has. */
    private static List<String> inheritedProperties() {
        List<String> flags = new ArrayList<>();
        for (String name : INHERITED_PROPERTIES) {
            String value = System.getProperty(name);
            if (value != null) {
                flags.add("-D" + name + "=" + value);
            }
        }
        return flags;
    }

    ProcessWorkerLauncher(Path configFile, Path runDirectory, Path logRoot, String javaCommand, String classPath,
                          boolean hostIsRoot) {
        this.configFile = configFile.toAbsolutePath();
        this.runDirectory = runDirectory;
        this.logRoot = logRoot;
        this.javaCommand = javaCommand;
        this.classPath = classPath;
        this.hostIsRoot = hostIsRoot;
    }

    @Override
    public WorkerProcess launch(ApplicationPoolConfig pool, int ordinal) {
        Optional<WorkerIdentity> identity = WorkerIdentity.of(pool, hostIsRoot, Path.of("/etc/passwd"));
        Path logFolder = logFolder(pool);
        Path socket = runDirectory.resolve(socketName(pool.name(), ordinal));
        Path startingLog = logFolder.resolve("worker-starting-" + ordinal + ".log");
        try {
            Files.createDirectories(logFolder);
            Files.createDirectories(runDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folders of application pool '" + pool.name() + "'", e);
        }
        identity.ifPresent(user -> user.own(logFolder));
        WorkerEndpoint endpoint = WorkerEndpoint.listen(socket);
        try {
            identity.ifPresent(user -> user.own(socket));
            ProcessBuilder builder = new ProcessBuilder(command(pool, socket, identity))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(startingLog.toFile()));
            Map<String, String> environment = builder.environment();
            environment.putAll(pool.environmentVariables());
            identity.ifPresent(user -> {
                environment.put("USER", user.user());
                environment.put("LOGNAME", user.user());
                environment.put("HOME", user.home());
            });
            Process process = builder.start();
            Path log = logFolder.resolve("worker-" + process.pid() + ".log");
            // The pid is known only now; renaming keeps the open file the worker writes to.
            Files.move(startingLog, log);
            identity.ifPresent(user -> user.own(log));
            LOG.debug("Worker {} of application pool '{}' started as pid {}, log {}", ordinal, pool.name(),
                    process.pid(), log);
            return new OsWorkerProcess(process, endpoint, logFolder, jcmd(), ProcStatus.system());
        } catch (IOException e) {
            endpoint.close();
            throw new UncheckedIOException("cannot start a worker process for application pool '" + pool.name()
                    + "': " + e.getMessage(), e);
        } catch (RuntimeException e) {
            endpoint.close();
            throw e;
        }
    }

    /** The full command line of a worker. */
    List<String> command(ApplicationPoolConfig pool, Path socket, Optional<WorkerIdentity> identity) {
        List<String> command = new ArrayList<>();
        identity.ifPresent(user -> command.addAll(user.commandPrefix()));
        command.add(javaCommand);
        try {
            command.addAll(JvmOptions.split(pool.jvmOptions() == null ? "" : pool.jvmOptions()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("application pool '" + pool.name() + "'"
                    + (pool.location() == null ? "" : " (" + pool.location() + ")") + ": " + e.getMessage(), e);
        }
        command.addAll(LIDO_JVM_FLAGS);
        command.addAll(inheritedProperties());
        command.add("-cp");
        command.add(classPath);
        command.add(WORKER_MAIN);
        command.addAll(List.of("--config", configFile.toString(), "--pool", pool.name(),
                "--socket", socket.toString()));
        return command;
    }

    /** {@code <logs>/AppPools/<pool>}. */
    Path logFolder(ApplicationPoolConfig pool) {
        return logRoot.resolve("AppPools").resolve(pool.name().replaceAll("[/\\\\:*?\"<>|]", "_"));
    }

    /** Short and unique: a readable prefix of the pool name, its hash, the worker's ordinal. */
    static String socketName(String poolName, int ordinal) {
        String prefix = poolName.replaceAll("[^A-Za-z0-9]", "_");
        if (prefix.length() > 16) {
            prefix = prefix.substring(0, 16);
        }
        return prefix + "-" + Integer.toHexString(poolName.hashCode()) + "-" + ordinal + ".sock";
    }

    private Path jcmd() {
        return Path.of(javaCommand).resolveSibling("jcmd");
    }
}
