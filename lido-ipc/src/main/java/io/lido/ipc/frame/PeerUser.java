package io.lido.ipc.frame;

import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the process at the other end of a domain socket runs as the same user as this one
 * (SO_PEERCRED). RESPONSE_FILE makes the host open a file the worker names: that is only safe when the
 * worker could read the file itself, so both ends allow it only between processes of the same user.
 */
public final class PeerUser {
    private static final Logger LOG = LoggerFactory.getLogger(PeerUser.class);

    private PeerUser() {
    }

    /** True when the peer's uid is this process's uid; false when it differs or cannot be told. */
    public static boolean same(Channel channel) {
        if (!(channel instanceof EpollDomainSocketChannel domain)) {
            return false;
        }
        try {
            int own = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return domain.peerCredentials().uid() == own;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot tell the user of the process at the other end of {}: {}", channel, e.toString());
            return false;
        }
    }
}
