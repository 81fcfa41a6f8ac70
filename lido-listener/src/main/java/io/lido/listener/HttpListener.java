package io.lido.listener;

import io.lido.config.ServerConfig;
import io.lido.ipc.link.HostLoops;
import io.lido.listener.codec.RequestDecoder;
import io.lido.listener.connection.Http1Connection;
import io.lido.listener.connection.ListenerContext;
import io.lido.listener.log.AccessLog;
import io.lido.listener.log.ErrorLog;
import io.lido.listener.routing.BindingTable;
import io.lido.listener.routing.Endpoint;
import io.lido.listener.tls.CertificateStore;
import io.lido.listener.tls.CertificateWatcher;
import io.lido.listener.tls.TlsEngine;
import io.lido.listener.tls.TlsHandshakes;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Lido's HTTP.sys: owns the listening sockets of every binding of every auto-started site and every
 * client connection, speaks TLS on https bindings (certificates from {@link CertificateStore}), parses HTTP/1.1 strictly, routes each request to a site's application and hands
 * it to that application's {@link io.lido.ipc.RequestDispatcher}. It never runs application code.
 *
 * <p>Lifecycle: {@link #start()} once (or {@link #bind()}, then {@link #accept()} once the applications are
 * up); {@link #stopAccepting()} then {@link #awaitIdle} for a graceful stop; {@link #close()} always.
 * Thread-safe.
 */
public final class HttpListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpListener.class);

    private final ServerConfig config;
    private final ListenerOptions options;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final ListenerContext context;
    private final List<Channel> serverChannels = new ArrayList<>();
    private volatile BindingTable table;
    private EventLoopGroup acceptGroup;
    private EventLoopGroup ioGroup;
    /** The host-wide loops of {@link HostLoops}: closing the listener closes its channels, not those loops. */
    private boolean sharedIoGroup;
    /** TLS for https endpoints; null when the configuration has none. */
    private TlsHandshakes tls;
    private CertificateWatcher certificateWatcher;

    public HttpListener(ServerConfig config, DispatcherResolver resolver, AccessLog accessLog, ErrorLog errorLog) {
        this(config, resolver, accessLog, errorLog, ListenerOptions.DEFAULTS);
    }

    public HttpListener(ServerConfig config, DispatcherResolver resolver, AccessLog accessLog, ErrorLog errorLog,
                        ListenerOptions options) {
        this.config = config;
        this.options = options;
        this.context = new ListenerContext(resolver, accessLog, errorLog, options, connections);
    }

    /**
     * Binds every http binding of every site with {@code serverAutoStart} and accepts connections.
     *
     * @throws ListenerStartException naming the site and binding when a socket cannot be opened; the
     *                                sockets opened so far are closed again
     */
    public synchronized void start() {
        bind();
        accept();
    }

    /**
     * Binds every http binding of every site with {@code serverAutoStart}, without accepting connections yet:
     * the host binds before any application code runs, so that a port in use stops it before an application
     * starts (and ends) for nothing. Clients that connect meanwhile wait in the socket's backlog until
     * {@link #accept()}.
     *
     * @throws ListenerStartException naming the site and binding when a socket cannot be opened; the
     *                                sockets opened so far are closed again
     */
    public synchronized void bind() {
        if (table != null) {
            throw new IllegalStateException("listener already started");
        }
        table = BindingTable.build(config);
        if (table.endpoints().stream().anyMatch(Endpoint::secure)) {
            // Every certificate is read before a socket opens: a broken one stops the start with its file:line.
            var provider = TlsEngine.provider();
            CertificateStore store = CertificateStore.from(config, provider, Clock.systemUTC());
            TlsEngine.announce(provider);
            tls = new TlsHandshakes(store);
            certificateWatcher = CertificateWatcher.start(store::loaded, Clock.systemUTC(), CertificateWatcher.POLL);
        }
        Transport transport = Transport.best();
        acceptGroup = transport.group(1);
        if (options.ioThreads() == 0 && transport.name().equals("epoll")) {
            // The loops the worker links use too: see HostLoops for why.
            ioGroup = HostLoops.group();
            sharedIoGroup = true;
        } else {
            ioGroup = transport.group(options.ioThreads() > 0 ? options.ioThreads()
                    : Runtime.getRuntime().availableProcessors());
        }
        try {
            for (Endpoint endpoint : table.endpoints()) {
                context.register(endpoint, endpoint.sites());
                bind(transport, endpoint);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("bound {} ({} transport)", table.endpoints(), transport.name());
    }

    /** Starts accepting connections on the sockets {@link #bind()} opened. */
    public synchronized void accept() {
        if (table == null) {
            throw new IllegalStateException("listener not bound");
        }
        for (Channel channel : serverChannels) {
            // Turning auto-read on issues the first read: the server channel starts accepting.
            channel.config().setAutoRead(true);
        }
        LOG.info("listening on {}", table.endpoints());
    }

    private void bind(Transport transport, Endpoint endpoint) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptGroup, ioGroup)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 128 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (endpoint.secure()) {
                            tls.addTo(ch, endpoint);
                        }
                        RequestDecoder decoder = new RequestDecoder(options.decoderLimits());
                        ch.pipeline().addLast(decoder, new Http1Connection(context, endpoint, decoder));
                    }
                });
        InetSocketAddress address = endpoint.ip().equals("*")
                ? new InetSocketAddress(endpoint.configuredPort())
                : new InetSocketAddress(endpoint.ip(), endpoint.configuredPort());
        try {
            Channel channel = bootstrap.bind(address).syncUninterruptibly().channel();
            serverChannels.add(channel);
            endpoint.boundPort(((InetSocketAddress) channel.localAddress()).getPort());
        } catch (Exception e) {
            throw new ListenerStartException("cannot listen on " + address + " for " + endpoint.describe() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The port actually bound for a binding of an auto-started site (useful when it says port 0), or -1. */
    public int port(io.lido.config.SiteConfig.Binding binding) {
        BindingTable t = table;
        Endpoint endpoint = t == null ? null : t.endpoint(binding);
        return endpoint == null ? -1 : endpoint.boundPort();
    }

    /** The port actually bound for a site's first http binding (useful when the binding says port 0). */
    public int port(String siteName) {
        BindingTable t = table;
        if (t == null) {
            throw new IllegalStateException("listener not started");
        }
        Endpoint endpoint = t.firstEndpoint(siteName);
        if (endpoint == null) {
            throw new IllegalArgumentException("site '" + siteName + "' has no started http binding");
        }
        return endpoint.boundPort();
    }

    /**
     * Closes the listening sockets. Idle connections close now; busy ones finish their current exchange
     * (its response says Connection: close) and then close; pipelined requests behind it are not served.
     */
    public synchronized void stopAccepting() {
        context.startDraining();
        for (Channel channel : serverChannels) {
            channel.close().syncUninterruptibly();
        }
        serverChannels.clear();
        for (Channel channel : connections) {
            Http1Connection connection = channel.pipeline().get(Http1Connection.class);
            if (connection != null) {
                channel.eventLoop().execute(connection::drain);
            }
        }
    }

    /** Waits until no exchange is in flight; true when that happened within the timeout. */
    public boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (context.inFlight() > 0) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return context.inFlight() == 0;
            }
        }
        return true;
    }

    /** Exchanges dispatched and not yet completed. */
    public int inFlight() {
        return context.inFlight();
    }

    /** Closes every socket and stops the event loops. */
    @Override
    public synchronized void close() {
        if (certificateWatcher != null) {
            certificateWatcher.close();
            certificateWatcher = null;
        }
        for (Channel channel : serverChannels) {
            channel.close().syncUninterruptibly();
        }
        serverChannels.clear();
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        if (ioGroup != null && !sharedIoGroup) {
            ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        ioGroup = null;
        if (acceptGroup != null) {
            acceptGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            acceptGroup = null;
        }
    }
}
