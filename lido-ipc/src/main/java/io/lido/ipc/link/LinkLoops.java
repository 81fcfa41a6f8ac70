package io.lido.ipc.link;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The event loops every worker connection of the host shares. Created on first use and never shut
 * down: the threads are daemons, so they do not keep a stopping host alive.
 */
final class LinkLoops {
    private static volatile EventLoopGroup group;

    private LinkLoops() {
    }

    static EventLoopGroup group() {
        EventLoopGroup current = group;
        if (current == null) {
            synchronized (LinkLoops.class) {
                current = group;
                if (current == null) {
                    if (!Epoll.isAvailable()) {
                        throw new IllegalStateException("worker processes need Linux epoll for Unix domain sockets: "
                                + Epoll.unavailabilityCause());
                    }
                    current = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                            new DefaultThreadFactory("lido-link", true), EpollIoHandler.newFactory());
                    group = current;
                }
            }
        }
        return current;
    }
}
