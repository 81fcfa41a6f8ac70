package io.lido.worker;

import io.lido.ipc.RequestHead;
import io.netty.channel.Channel;

import java.time.Clock;

/**
 * One exchange in the worker: the request body fed by REQUEST_BODY frames, the response channel that
 * writes frames, and the progress clock the health check reads (docs/ipc.md, "Health").
 */
final class WorkerExchange {
    final int stream;
    final RequestHead head;
    final FrameRequestBody body;
    final FrameResponseChannel response;
    private final Clock clock;
    private volatile long lastProgressMillis;
    private volatile int waitingInChannel;
    /** The thread that runs the application code (ResponseChannel.executesOn), for {@link ExitWatch}. */
    volatile Thread thread;

    WorkerExchange(int stream, RequestHead head, Channel channel, FrameServer server, Clock clock) {
        this.stream = stream;
        this.head = head;
        this.clock = clock;
        this.lastProgressMillis = clock.millis();
        this.body = new FrameRequestBody(this, channel);
        this.response = new FrameResponseChannel(this, channel, server);
    }

    /** The application read or wrote something. */
    void progress() {
        lastProgressMillis = clock.millis();
    }

    /** The application thread blocks inside the channel (waiting for the client), which is no stall. */
    void enterWait() {
        waitingInChannel++;
    }

    void exitWait() {
        waitingInChannel--;
        progress();
    }

    /**
     * How long the application has been running its own code without reading or writing, in ms;
     * 0 while it waits inside the channel.
     */
    long stalledMillis() {
        if (waitingInChannel > 0) {
            return 0;
        }
        return Math.max(0, clock.millis() - lastProgressMillis);
    }

    /** The host said the client is gone: reads fail, writes are dropped. */
    void abortedByHost(String reason) {
        response.abortedByHost();
        body.fail("request aborted by the host: " + reason);
    }

    String describe() {
        return "request " + head.id() + " " + head.method() + " " + head.path();
    }
}
