package io.lido.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * systemd's readiness protocol (sd_notify(3)) for a {@code Type=notify} unit: when systemd starts Lido it sets
 * {@code NOTIFY_SOCKET} to a Unix datagram socket, and Lido sends {@code READY=1} there once every binding accepts
 * connections, and {@code STOPPING=1} when a signal starts the graceful stop, so {@code systemctl start} returns
 * when Lido serves and {@code systemctl status} says it is stopping while it drains.
 *
 * <p>The JDK's own channels have no Unix datagram sockets (JEP 380 added stream sockets only), so this sends with
 * Netty's epoll domain datagram channel, which Lido already ships. Without {@code NOTIFY_SOCKET} nothing is sent;
 * a socket in the abstract namespace ({@code @name}) is not supported and is logged. Sending never fails Lido.
 */
final class SystemdNotify {
    private static final Logger LOG = LoggerFactory.getLogger(SystemdNotify.class);
    static final String VARIABLE = "NOTIFY_SOCKET";

    private final String socket;

    private SystemdNotify(String socket) {
        this.socket = socket;
    }

    /** The notifier of this process's environment. */
    static SystemdNotify fromEnvironment() {
        return from(System.getenv());
    }

    static SystemdNotify from(Map<String, String> environment) {
        String socket = environment.get(VARIABLE);
        return new SystemdNotify(socket == null || socket.isBlank() ? null : socket);
    }

    /** Lido serves: {@code READY=1} with the pid, which is the unit's main process (bin/lido execs java). */
    void ready() {
        send("READY=1\nSTATUS=Serving\nMAINPID=" + ProcessHandle.current().pid() + "\n");
    }

    /** The graceful stop began. */
    void stopping() {
        send("STOPPING=1\nSTATUS=Draining requests in flight\n");
    }

    /** Sends one notification; true when it went out. */
    boolean send(String state) {
        if (socket == null) {
            return false;
        }
        if (socket.startsWith("@")) {
            LOG.warn("{}={} is in the abstract namespace, which Lido cannot send to: systemd is not notified",
                    VARIABLE, socket);
            return false;
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try {
            Channel channel = new Bootstrap().group(group).channel(EpollDomainDatagramChannel.class)
                    .handler(new ChannelInboundHandlerAdapter()).connect(new DomainSocketAddress(socket))
                    .syncUninterruptibly().channel();
            // A connected datagram socket (what sd_notify does too): each write is one datagram to systemd.
            channel.writeAndFlush(Unpooled.copiedBuffer(state, StandardCharsets.UTF_8)).syncUninterruptibly();
            channel.close().syncUninterruptibly();
            LOG.debug("Notified systemd on {}: {}", socket, state.replace('\n', ' ').trim());
            return true;
        } catch (Exception e) {
            // Netty rethrows the socket's IOException (no such socket, refused) unchecked: logged, never fatal.
            LOG.warn("Could not notify systemd on {} ({}): {}", socket, state.lines().findFirst().orElse(""),
                    e.toString());
            return false;
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}
