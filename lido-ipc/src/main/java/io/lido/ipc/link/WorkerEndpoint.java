package io.lido.ipc.link;

import io.lido.ipc.frame.ConfigCodec;
import io.lido.ipc.frame.FrameDecoder;
import io.lido.ipc.state.StateServer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.flush.FlushConsolidationHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Accepts the connection of one worker process that the activation service is starting. The first
 * connection becomes the {@link WorkerLink}; the server socket is then closed and its file removed, so
 * nobody else can connect in the worker's name.
 */
public final class WorkerEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerEndpoint.class);

    private final Path socketPath;
    private final CompletableFuture<WorkerLink> ready = new CompletableFuture<>();
    private final AtomicBoolean accepted = new AtomicBoolean();
    private volatile Channel server;

    private final StateServer stateServer;
    private final String pool;

    private final ConfigCodec.WorkerConfiguration configuration;

    private WorkerEndpoint(Path socketPath, StateServer stateServer, String pool,
                           ConfigCodec.WorkerConfiguration configuration) {
        this.socketPath = socketPath;
        this.stateServer = stateServer;
        this.pool = pool;
        this.configuration = configuration;
    }

    /**
     * Binds a Unix-domain server socket at that path (Netty epoll domain sockets). A file left there
     * by an earlier run is replaced.
     *
     * @throws UncheckedIOException  when the socket cannot be bound
     * @throws IllegalStateException when epoll is not available (not Linux)
     */
    public static WorkerEndpoint listen(Path socketPath) {
        return listen(socketPath, null);
    }

    /**
     * {@link #listen(Path)} for a host that keeps sessions: the worker's STATE_* frames go to
     * {@code stateServer} (null: they are answered as unavailable).
     */
    public static WorkerEndpoint listen(Path socketPath, StateServer stateServer) {
        return listen(socketPath, stateServer, null);
    }

    /**
     * {@link #listen(Path, StateServer)} for a worker of {@code pool}: it may use only the sessions of the
     * applications {@link StateServer#allows} for that pool (null: any).
     */
    public static WorkerEndpoint listen(Path socketPath, StateServer stateServer, String pool) {
        return listen(socketPath, stateServer, pool, null);
    }

    /**
     * {@link #listen(Path, StateServer, String)} for a worker that receives its pool's configuration over the
     * connection: it is sent as CONFIG frames when the worker's HELLO arrives (null: not sent).
     */
    public static WorkerEndpoint listen(Path socketPath, StateServer stateServer, String pool,
                                        ConfigCodec.WorkerConfiguration configuration) {
        WorkerEndpoint endpoint = new WorkerEndpoint(socketPath.toAbsolutePath(), stateServer, pool, configuration);
        endpoint.bind();
        return endpoint;
    }

    private void bind() {
        try {
            Files.deleteIfExists(socketPath);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the stale worker socket " + socketPath, e);
        }
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(HostLoops.group())
                .channel(EpollServerDomainSocketChannel.class)
                .childHandler(new ChannelInitializer<EpollDomainSocketChannel>() {
                    @Override
                    protected void initChannel(EpollDomainSocketChannel ch) {
                        if (!accepted.compareAndSet(false, true)) {
                            LOG.warn("A second connection on worker socket {} was refused", socketPath);
                            ch.close();
                            return;
                        }
                        ch.pipeline().addLast(new FrameDecoder(), new FlushConsolidationHandler(256, true),
                                new ChannelLink(ready, stateServer, pool, configuration));
                        closeServer();
                    }
                });
        try {
            server = bootstrap.bind(new DomainSocketAddress(socketPath.toString())).syncUninterruptibly().channel();
        } catch (Exception e) { // Netty rethrows the bind's IOException unchecked
            throw new UncheckedIOException("cannot listen on worker socket " + socketPath + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    /**
     * Completes when the worker has connected and sent READY (its applications started); completes
     * exceptionally if the socket is closed first.
     */
    public CompletableFuture<WorkerLink> ready() {
        return ready;
    }

    public Path socketPath() {
        return socketPath;
    }

    /**
     * Stops listening and removes the socket file. A link that is already connected stays open; a
     * worker that has not sent READY yet makes {@link #ready()} fail.
     */
    @Override
    public void close() {
        closeServer();
        ready.completeExceptionally(new IllegalStateException("worker endpoint " + socketPath
                + " closed before the worker was ready"));
    }

    private void closeServer() {
        Channel ch = server;
        if (ch != null) {
            ch.close();
        }
        try {
            Files.deleteIfExists(socketPath);
        } catch (IOException e) {
            LOG.warn("Cannot remove worker socket {}: {}", socketPath, e.toString());
        }
    }
}
