package io.lido.ipc.link;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The host's event loops, one per core: every worker connection uses them, and so does the listener for
 * its client connections on Linux, so that a request, its frames to the worker and the response back to
 * the client stay on one thread instead of crossing between a client loop and a worker loop twice (on a
 * busy host with few cores the two loops would also take turns on a core, holding each other's
 * connections for a time slice). Created on first use and never shut down: the threads are daemons, so
 * they do not keep a stopping host alive; their users close their own channels.
 */
public final class HostLoops {
    private static volatile EventLoopGroup group;

    private HostLoops() {
    }

    /**
     * The shared epoll event loops.
     *
     * @throws IllegalStateException when epoll is not available (not Linux)
     */
    public static EventLoopGroup group() {
        EventLoopGroup current = group;
        if (current == null) {
            synchronized (HostLoops.class) {
                current = group;
                if (current == null) {
                    if (!Epoll.isAvailable()) {
                        throw new IllegalStateException("worker processes need Linux epoll for Unix domain sockets: "
                                + Epoll.unavailabilityCause());
                    }
                    current = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                            new DefaultThreadFactory("lido-io", true), EpollIoHandler.newFactory());
                    group = current;
                }
            }
        }
        return current;
    }
}
