package io.lido.worker;

import io.lido.config.ApplicationPoolConfig;
import io.lido.config.ConfigLoader;
import io.lido.config.ServerConfig;
import io.lido.config.SiteConfig;
import io.lido.ipc.frame.ConfigCodec;
import io.lido.ipc.frame.ControlCodec;
import io.lido.ipc.frame.FrameDecoder;
import io.lido.ipc.frame.FrameType;
import io.lido.ipc.frame.Frames;
import io.lido.modules.BuiltinModules;
import io.lido.runtime.stateserver.StateServerSessionStore;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One worker process's work: connect to the host, send HELLO, receive the pool's configuration (CONFIG),
 * start the pool's applications, send READY, serve frames; on DRAIN (or when the host connection closes) shut the applications down and
 * report the exit code. {@link WorkerMain} runs it in its own JVM; tests may run it in theirs.
 */
public final class Worker implements FrameServer.Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    /**
     * How long a worker waits for its configuration after HELLO: the host sends it at once, so this only bounds
     * a host that is gone without closing the connection.
     */
    static final Duration CONFIGURATION_WAIT = Duration.ofMinutes(2);

    private final WorkerOptions options;
    private final Clock clock;
    private volatile ApplicationPoolConfig pool;
    private final EventLoopGroup loop;
    private final FrameServer server;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile PoolApplications applications;
    private volatile HealthMonitor health;
    private volatile Channel channel;

    private Worker(WorkerOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
        this.loop = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("lido-worker-io", true),
                EpollIoHandler.newFactory());
        this.server = new FrameServer(clock, this);
    }

    /**
     * Connects, receives the pool's configuration from the host, starts the pool's applications and announces
     * READY. Returns once the worker serves requests. An application that fails to start does not stop the
     * worker: it answers 503 until a change to its files or a restart brings it up (see HttpRuntime.tryStart).
     *
     * @throws io.lido.config.ConfigException when the configuration the host sent is invalid
     * @throws IllegalArgumentException       when it does not define the pool
     * @throws IllegalStateException          when the host cannot be reached or sends no configuration
     */
    public static Worker start(WorkerOptions options) {
        Clock clock = Clock.systemUTC();
        return start(options, clock, new StartupTimes(clock, Optional.empty(), clock.instant()));
    }

    /**
     * {@link #start(WorkerOptions)} in a worker process: also logs how long the start took since the JVM
     * started, phase by phase, and what the JVM did with its AOT cache.
     *
     * @param mainEntered when {@code main} was entered
     */
    public static Worker startProcess(WorkerOptions options, Instant mainEntered) {
        Clock clock = Clock.systemUTC();
        return start(options, clock, new StartupTimes(clock, StartupTimes.processStart(), mainEntered));
    }

    static Worker start(WorkerOptions options, Clock clock) {
        return start(options, clock, new StartupTimes(clock, Optional.empty(), clock.instant()));
    }

    private static Worker start(WorkerOptions options, Clock clock, StartupTimes times) {
        Worker worker = new Worker(options, clock);
        try {
            worker.connect();
            times.phase("host connection");
            ServerConfig config = worker.receiveConfiguration();
            worker.pool = PoolApplications.pool(config, options.pool());
            times.phase("configuration");
            worker.applications = PoolApplications.start(config, worker.pool.name(), new BuiltinModules(), clock,
                    StateServerSessionStore.connector(worker.server.stateChannel()));
            times.phase("applications");
            worker.health = new HealthMonitor(worker.channel, worker.server, worker.pool.processModel().pingResponseTime());
            worker.server.serve(worker.applications, worker.health);
            worker.watchFaults();
            worker.sendEmpty(FrameType.READY);
            times.phase("READY");
            LOG.info("Worker pid {} of pool '{}' is ready: {} application(s), {}; {}", ProcessHandle.current().pid(),
                    worker.pool.name(), worker.applications.count(), times.summary(),
                    StartupTimes.aotCache(System.getenv(StartupTimes.AOT_ENVIRONMENT),
                            System.getProperty("java.vm.info")));
        } catch (RuntimeException e) {
            worker.abandon();
            throw e;
        }
        return worker;
    }

    private void connect() {
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(EpollDomainSocketChannel.class)
                .handler(new ChannelInitializer<EpollDomainSocketChannel>() {
                    @Override
                    protected void initChannel(EpollDomainSocketChannel ch) {
                        ch.pipeline().addLast(new FrameDecoder(), new FlushConsolidationHandler(256, true), server);
                    }
                });
        try {
            channel = bootstrap.connect(new DomainSocketAddress(options.socket().toString()))
                    .syncUninterruptibly().channel();
        } catch (Exception e) { // Netty rethrows the connect's IOException unchecked
            throw new IllegalStateException("cannot connect to the host at " + options.socket() + ": " + e, e);
        }
        ByteBuf out = channel.alloc().buffer(32);
        ControlCodec.writeHello(out, ProcessHandle.current().pid());
        channel.writeAndFlush(out).syncUninterruptibly();
    }

    /**
     * System.exit from application code, and OutOfMemoryError that no request caught (a request's own is reported
     * by its response channel), are told to the host before they end or cripple this JVM.
     */
    private void watchFaults() {
        ExitWatch.install(server, server.faults());
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            if (error instanceof OutOfMemoryError) {
                server.outOfMemory("OutOfMemoryError on thread " + thread.getName() + ": " + error.getMessage());
            }
            if (previous != null) {
                previous.uncaughtException(thread, error);
            } else {
                System.err.print("Exception in thread \"" + thread.getName() + "\" ");
                error.printStackTrace();
            }
        });
    }

    /** The pool's configuration as the host sent it, read under the name of the file it was written from. */
    private ServerConfig receiveConfiguration() {
        ConfigCodec.WorkerConfiguration received;
        try {
            received = server.configuration().get(CONFIGURATION_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the host sent no configuration within " + CONFIGURATION_WAIT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the configuration", e);
        }
        ServerConfig config = ConfigLoader.loadWorkerConfiguration(received.text(), Path.of(received.file()));
        LOG.info("Configuration of {} received from the host: application pool(s) {}; site(s) {}", config.file(),
                config.applicationPools().stream().map(p -> "'" + p.name() + "'").toList(),
                config.sites().stream().map(s -> "'" + s.name() + "' " + s.applications().stream()
                        .map(SiteConfig.Application::path).toList()).toList());
        return config;
    }

    private void sendEmpty(FrameType type) {
        ByteBuf out = channel.alloc().buffer(Frames.HEADER_BYTES);
        Frames.empty(out, type, 0);
        channel.writeAndFlush(out).syncUninterruptibly();
    }

    /** The frame server, for tests that look at the worker's open exchanges. */
    FrameServer serverForTests() {
        return server;
    }

    /** Blocks until the worker has stopped; returns its process exit code. */
    public int awaitExit() {
        return exit.join();
    }

    /** Completes with the exit code once the worker has stopped. */
    public CompletableFuture<Integer> exit() {
        return exit;
    }

    @Override
    public void drained() {
        stop("drained", 0);
    }

    @Override
    public void disconnected(String reason) {
        stop(reason, 0);
    }

    private void stop(String reason, int code) {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        // Not on the event loop: shutting the runtimes down waits for request threads.
        Thread.ofPlatform().name("lido-worker-stop").start(() -> {
            try {
                LOG.info("Worker pid {} of pool '{}' stopping: {}", ProcessHandle.current().pid(), options.pool(),
                        reason);
                PoolApplications apps = applications;
                if (apps != null) {
                    apps.shutdown(pool.processModel().shutdownTimeLimit(), clock);
                }
            } finally {
                abandon();
                exit.complete(code);
            }
        });
    }

    /** Releases the connection, the health thread and the event loop. */
    private void abandon() {
        HealthMonitor monitor = health;
        if (monitor != null) {
            monitor.close();
        }
        Channel ch = channel;
        if (ch != null) {
            ch.close().awaitUninterruptibly();
        }
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
