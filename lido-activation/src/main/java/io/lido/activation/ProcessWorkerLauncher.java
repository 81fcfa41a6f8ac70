package io.lido.activation;

import io.lido.config.ApplicationPoolConfig;
import io.lido.config.ServerConfig;
import io.lido.ipc.frame.ConfigCodec;
import io.lido.ipc.link.WorkerEndpoint;
import io.lido.ipc.state.StateServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts worker JVMs: {@code java <pool jvmOptions> <Lido's JVM flags> -cp <the host's class path>
 * io.lido.worker.WorkerMain --pool NAME --socket PATH}, with the host's own java binary
 * and class path (the distribution's lib/), the pool's environment variables, stdout and stderr through a pipe
 * into the pool's log {@code <logs>/AppPools/<pool>/<pool>.log} (each line prefixed with the worker's pid; see
 * {@link WorkerOutput}), and — when the host is root and the pool names a user — as that user, who owns only the
 * folders the worker writes ({@link PoolFolders}: its JVM's crash files go to their {@code dumps/},
 * {@link CrashFiles}). The worker reads no configuration file: its socket sends it the pool's configuration, written
 * from the last valid one the host loaded ({@link #configure}).
 */
public final class ProcessWorkerLauncher implements WorkerLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessWorkerLauncher.class);

    /**
     * The flags Lido itself runs with (bin/lido gives the host the same): Netty's native transport and memory
     * access, the opening that lets request virtual threads run on the event loop of their connection
     * (lido-runtime RequestThreads), and one JIT hint. Every request runs on a new virtual thread, so each frame
     * of its entry chain (Continuation.enter, VirtualThread.run, the domain's execute methods) turns hot at once
     * and C2 compiled the whole request pipeline into each of them in turn: ~6 s of compile time on one cpu
     * during warm-up. Keeping the pipeline's entry out of its callers compiles it once (~3 s in all), at the
     * cost of one call.
     */
    static final List<String> LIDO_JVM_FLAGS =
            List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                    "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                    "-XX:CompileCommand=quiet",
                    "-XX:CompileCommand=dontinline,io.lido.runtime.internal.RequestPipeline::execute");
    static final String WORKER_MAIN = "io.lido.worker.WorkerMain";
    /**
     * How long a worker that trains the AOT cache may take to exit after its drain: its JVM writes the cache
     * then, in a child JVM (2-3 s on an idle machine, several times that on a loaded one).
     */
    static final Duration AOT_TRAINING_EXIT_GRACE = Duration.ofMinutes(2);
    /** The system property that tells a worker where its shadow copies go (lido-runtime ShadowCopy). */
    static final String SHADOW_COPY_ROOT = "lido.shadowCopyRoot";
    /** Host settings a worker inherits, so that applications log the same way in both hosting models. */
    private static final List<String> INHERITED_PROPERTIES = List.of("java.util.logging.SimpleFormatter.format");

    private final Path runDirectory;
    private final Path logRoot;
    private final String javaCommand;
    private final String classPath;
    private final boolean hostIsRoot;
    /** The host's session store the workers' STATE_* frames go to; null: none. */
    private volatile StateServer stateServer;
    private final Optional<AotCache> aotCache;
    /** The distribution's {@code work/} (shadow copies of the pools' workers), if Lido runs from one. */
    private final Optional<Path> work;
    private final Map<Path, LineLog> poolLogs = new ConcurrentHashMap<>();
    private LineLog aotLog;
    /** The last valid configuration the host loaded: what each new worker receives. */
    private volatile ServerConfig configuration;

    /**
     * @param runDirectory a short folder for the workers' sockets (Unix socket paths max ~107 bytes)
     * @param logRoot      the logs folder; worker output goes to {@code AppPools/<pool>/} below it
     */
    public ProcessWorkerLauncher(Path runDirectory, Path logRoot) {
        this(runDirectory, logRoot,
                ProcessHandle.current().info().command()
                        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                System.getProperty("java.class.path"), WorkerIdentity.hostIsRoot(), defaultAotCache());
    }

    /** {@code <lido.home>/work/aot}; none when Lido does not run from a distribution (no lido.home). */
    private static Optional<AotCache> defaultAotCache() {
        return Optional.ofNullable(System.getProperty("lido.home"))
                .map(home -> new AotCache(Path.of(home, "work", "aot").toAbsolutePath(), Clock.systemUTC(),
                        Duration.ofSeconds(10)));
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

    ProcessWorkerLauncher(Path runDirectory, Path logRoot, String javaCommand, String classPath, boolean hostIsRoot) {
        this(runDirectory, logRoot, javaCommand, classPath, hostIsRoot, Optional.empty());
    }

    ProcessWorkerLauncher(Path runDirectory, Path logRoot, String javaCommand, String classPath, boolean hostIsRoot,
                          Optional<AotCache> aotCache) {
        this.aotCache = aotCache;
        this.work = aotCache.map(cache -> cache.folder().getParent());
        this.runDirectory = runDirectory;
        this.logRoot = logRoot;
        this.javaCommand = javaCommand;
        this.classPath = classPath;
        this.hostIsRoot = hostIsRoot;
    }

    @Override
    public WorkerProcess launch(ApplicationPoolConfig pool, int ordinal) {
        Optional<WorkerIdentity> identity = WorkerIdentity.of(pool, hostIsRoot, Path.of("/etc/passwd"));
        PoolFolders folders = PoolFolders.prepare(logRoot, work, folderName(pool), identity);
        LineLog poolLog = poolLog(folders.logFolder());
        Path socket = runDirectory.resolve(socketName(pool.name(), ordinal));
        List<String> jvmOptions = jvmOptions(pool);
        ConfigCodec.WorkerConfiguration configuration = workerConfiguration(pool);
        AotLaunch aot = aotLaunch(pool, jvmOptions, identity);
        WorkerEndpoint endpoint = WorkerEndpoint.listen(socket, stateServer, pool.name(), configuration);
        try {
            // chmod(2) on the path: the JDK's NOFOLLOW variant opens the file, which a socket refuses. The socket folder
            // is the host's alone, so the path cannot lead elsewhere.
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            identity.ifPresent(user -> user.own(socket));
            List<String> command = command(pool, jvmOptions, aot, folders.shadow(), socket, identity);
            // The worker's output reaches its log through a pipe the host reads: the worker opens no file of the
            // host's, and the pool's log is one file across worker restarts (WorkerOutput).
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            Map<String, String> environment = builder.environment();
            environment.putAll(pool.environmentVariables());
            if (aot.environment() != null) {
                environment.put(AotLaunch.ENVIRONMENT, aot.environment());
            }
            identity.ifPresent(user -> {
                environment.put("USER", user.user());
                environment.put("LOGNAME", user.user());
                environment.put("HOME", user.home());
            });
            Process process = builder.start();
            // Off the reaper thread: keeping a trained cache runs a short JVM to check it.
            process.onExit().thenRunAsync(aot::exited, Thread::startVirtualThread);
            poolLog.note("[" + process.pid() + "] --- ", "worker " + ordinal + " of application pool '" + pool.name()
                    + "' started" + identity.map(user -> " as user '" + user.user() + "'").orElse(""));
            WorkerOutput.start(process, pool.name(), poolLog, aotLog());
            LOG.debug("Worker {} of application pool '{}' started as pid {}, log {}", ordinal, pool.name(),
                    process.pid(), poolLog.file());
            return new OsWorkerProcess(process, endpoint, folders.logFolder(), jcmd(), ProcStatus.system(),
                    aot instanceof AotLaunch.Train ? AOT_TRAINING_EXIT_GRACE : Duration.ZERO);
        } catch (IOException e) {
            endpoint.close();
            aot.exited();
            throw new UncheckedIOException("cannot start a worker process for application pool '" + pool.name()
                    + "': " + e.getMessage(), e);
        } catch (RuntimeException e) {
            endpoint.close();
            aot.exited();
            throw e;
        }
    }

    /** The pool's log, opened once for the host's life: {@code <log folder>/<pool>.log}. */
    private LineLog poolLog(Path logFolder) {
        return poolLogs.computeIfAbsent(logFolder,
                folder -> LineLog.open(poolLogFile(folder)));
    }

    /** {@code <log folder>/<pool>.log}: the folder is named after the pool. */
    private static Path poolLogFile(Path logFolder) {
        return logFolder.resolve(logFolder.getFileName() + ".log");
    }

    /** The AOT cache's log ({@code work/aot/aot.log}), where the JVMs' AOT chatter goes; none without a cache. */
    private Optional<LineLog> aotLog() {
        if (aotCache.isEmpty()) {
            return Optional.empty();
        }
        synchronized (poolLogs) {
            if (aotLog == null) {
                Path folder = TrustedFolder.ensure(aotCache.get().folder(), TrustedFolder.TRAVERSE);
                aotLog = LineLog.open(folder.resolve(AotCache.LOG_FILE));
            }
            return Optional.of(aotLog);
        }
    }

    /** Checks the pool's folders now (at host start), so that an untrusted one stops Lido instead of the pool. */
    @Override
    public void prepare(ApplicationPoolConfig pool) {
        Optional<WorkerIdentity> identity;
        try {
            identity = WorkerIdentity.of(pool, hostIsRoot, Path.of("/etc/passwd"));
        } catch (IllegalArgumentException e) {
            return; // an unknown user: each launch reports it, and rapid-fail protection stops the pool
        }
        PoolFolders.prepare(logRoot, work, folderName(pool), identity);
    }

    /** {@inheritDoc} Workers launched from now on receive their pool's part of {@code config}. */
    @Override
    public void configure(ServerConfig config) {
        this.configuration = config;
    }

    /** The pool's configuration as its worker receives it (docs/ipc.md, CONFIG). */
    ConfigCodec.WorkerConfiguration workerConfiguration(ApplicationPoolConfig pool) {
        ServerConfig config = configuration;
        if (config == null) {
            throw new IllegalStateException("no configuration to give the workers of application pool '" + pool.name()
                    + "' yet");
        }
        return new ConfigCodec.WorkerConfiguration(config.file().toString(), config.workerConfiguration(pool.name()));
    }

    /**
     * Makes the workers launched from now on use the host's StateServer for sessions (their STATE_* frames are
     * answered by it); without one they get "unavailable" answers.
     */
    public ProcessWorkerLauncher stateServer(StateServer server) {
        this.stateServer = server;
        return this;
    }

    /** The full command line of a worker, without an AOT cache or a shadow-copy root. */
    List<String> command(ApplicationPoolConfig pool, Path socket, Optional<WorkerIdentity> identity) {
        return command(pool, jvmOptions(pool), new AotLaunch.None(), Optional.empty(), socket, identity);
    }

    private List<String> command(ApplicationPoolConfig pool, List<String> jvmOptions, AotLaunch aot,
                                 Optional<Path> shadowRoot, Path socket, Optional<WorkerIdentity> identity) {
        List<String> command = new ArrayList<>();
        identity.ifPresent(user -> command.addAll(user.commandPrefix()));
        command.add(javaCommand);
        command.addAll(jvmOptions);
        command.addAll(aot.flags());
        // Not among the JVM options: it differs per pool, and the options make the AOT cache key that pools share.
        shadowRoot.ifPresent(root -> command.add("-D" + SHADOW_COPY_ROOT + "=" + root));
        command.addAll(CrashFiles.flags(logRoot.resolve("AppPools").resolve(folderName(pool))
                .resolve(PoolFolders.DUMPS), jvmOptions));
        command.add("-cp");
        command.add(classPath);
        command.add(WORKER_MAIN);
        command.addAll(List.of("--pool", pool.name(), "--socket", socket.toString()));
        return command;
    }

    /** The pool's {@code jvmOptions}, then Lido's flags and inherited properties. */
    private List<String> jvmOptions(ApplicationPoolConfig pool) {
        List<String> options = new ArrayList<>();
        try {
            options.addAll(JvmOptions.split(pool.jvmOptions() == null ? "" : pool.jvmOptions()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("application pool '" + pool.name() + "'"
                    + (pool.location() == null ? "" : " (" + pool.location() + ")") + ": " + e.getMessage(), e);
        }
        options.addAll(LIDO_JVM_FLAGS);
        options.addAll(inheritedProperties());
        return options;
    }

    /**
     * Whether this worker starts from, trains, or does without the JDK AOT cache of its exact JVM (see
     * {@link AotCache}): without when the pool says {@code jvmAotCache="false"}, when its options choose a
     * cache themselves, or when Lido's class path is not made of jars.
     */
    AotLaunch aotLaunch(ApplicationPoolConfig pool, List<String> jvmOptions, Optional<WorkerIdentity> identity) {
        Optional<String> key = aotKey(pool, jvmOptions);
        if (key.isEmpty()) {
            return new AotLaunch.None();
        }
        return aotCache.get().prepare(pool.name(), key.get(), identity,
                new AotCacheCheck(javaCommand, jvmOptions, classPath, aotLog()));
    }

    /** The pool's AOT cache key, or empty when its workers start without a cache (see {@link #aotLaunch}). */
    private Optional<String> aotKey(ApplicationPoolConfig pool, List<String> jvmOptions) {
        if (aotCache.isEmpty() || !pool.jvmAotCache() || AotCacheKey.optionsManageTheCache(jvmOptions)) {
            return Optional.empty();
        }
        return AotCacheKey.of(AotCacheKey.currentJdk(javaCommand), List.of(classPath.split(File.pathSeparator)),
                jvmOptions, pool.environmentVariables());
    }

    /** {@inheritDoc} Throws IllegalArgumentException for {@code jvmOptions} that do not parse, as a launch would. */
    @Override
    public boolean needsAotTraining(ApplicationPoolConfig pool) {
        Optional<String> key = aotKey(pool, jvmOptions(pool));
        return key.isPresent() && aotCache.get().needsTraining(key.get());
    }

    /** {@inheritDoc} The pool's log, which every worker of the pool writes to, each line prefixed with its pid. */
    @Override
    public Path workerLog(ApplicationPoolConfig pool, long pid) {
        return poolLogFile(logRoot.resolve("AppPools").resolve(folderName(pool))).toAbsolutePath();
    }

    /** The pool's name as a folder name (the pool's log and shadow-copy folders). */
    private static String folderName(ApplicationPoolConfig pool) {
        return pool.name().replaceAll("[/\\\\:*?\"<>|]", "_");
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
