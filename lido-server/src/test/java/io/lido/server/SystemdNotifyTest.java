package io.lido.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainDatagramPacket;
import io.netty.channel.unix.DomainSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SystemdNotifyTest {
    @TempDir
    Path dir;

    /** A fake systemd: a Unix datagram socket that queues what it receives. */
    static final class FakeSystemd implements AutoCloseable {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        private final Channel channel;

        FakeSystemd(Path socket) {
            channel = new Bootstrap().group(group).channel(EpollDomainDatagramChannel.class)
                    .handler(new SimpleChannelInboundHandler<DomainDatagramPacket>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, DomainDatagramPacket packet) {
                            received.add(packet.content().toString(StandardCharsets.UTF_8));
                        }
                    }).bind(new DomainSocketAddress(socket.toString())).syncUninterruptibly().channel();
        }

        String next() throws InterruptedException {
            return received.poll(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            channel.close().syncUninterruptibly();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void readyAndStoppingReachTheNotifySocket() throws Exception {
        Path socket = dir.resolve("notify");
        try (FakeSystemd systemd = new FakeSystemd(socket)) {
            SystemdNotify notify = SystemdNotify.from(Map.of(SystemdNotify.VARIABLE, socket.toString()));
            notify.ready();
            assertThat(systemd.next()).startsWith("READY=1\n").contains("MAINPID=" + ProcessHandle.current().pid());
            notify.stopping();
            assertThat(systemd.next()).startsWith("STOPPING=1\n");
        }
    }

    @Test
    void withoutNotifySocketOrWithAnAbstractOneNothingIsSent() {
        assertThat(SystemdNotify.from(Map.of()).send("READY=1")).isFalse();
        assertThat(SystemdNotify.from(Map.of(SystemdNotify.VARIABLE, "@lido-test")).send("READY=1")).isFalse();
        assertThat(SystemdNotify.from(Map.of(SystemdNotify.VARIABLE, dir.resolve("nobody").toString()))
                .send("READY=1")).as("no listener: logged, never thrown").isFalse();
    }

    @Test
    void theConfigurationComesFromTheOptionThenLidoConfig() {
        Path option = dir.resolve("a.config");
        assertThat(ConfigLocation.resolve(option, Map.of(ConfigLocation.VARIABLE, "/etc/lido/b.config"), null))
                .isEqualTo(option);
        assertThat(ConfigLocation.resolve(null, Map.of(ConfigLocation.VARIABLE, "/etc/lido/b.config"), null))
                .isEqualTo(Path.of("/etc/lido/b.config"));
    }
}
