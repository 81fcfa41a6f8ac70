package io.lido.worker;

import io.lido.ipc.HeaderList;
import io.lido.ipc.RequestDispatcher;
import io.lido.ipc.RequestHead;
import io.lido.ipc.ResponseHead;
import io.lido.ipc.frame.ConfigCodec;
import io.lido.ipc.frame.ControlCodec;
import io.lido.ipc.frame.DomainStatusCodec;
import io.lido.ipc.frame.RequestListCodec;
import io.lido.ipc.frame.FaultCodec;
import io.lido.ipc.frame.Frame;
import io.lido.ipc.frame.FrameException;
import io.lido.ipc.frame.FrameType;
import io.lido.ipc.frame.Frames;
import io.lido.ipc.frame.HeadCodec;
import io.lido.ipc.frame.PeerUser;
import io.lido.ipc.frame.RecycleCodec;
import io.lido.ipc.state.StateChannel;
import io.lido.ipc.state.StateFrames;
import io.lido.runtime.CurrentRequests;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The worker's end of the connection: turns REQUEST_* frames into {@link RequestDispatcher#dispatch}
 * calls on the pool's runtimes, routes WINDOW and ABORT to their exchange, answers PING through the
 * {@link HealthMonitor} and handles DRAIN. A protocol error closes the connection (the worker then exits).
 */
final class FrameServer extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(FrameServer.class);

    /** What the worker does when the connection ends or the drain completes. */
    interface Lifecycle {
        void drained();

        void disconnected(String reason);
    }

    private final Map<Integer, WorkerExchange> streams = new ConcurrentHashMap<>();
    private final AtomicReference<String> closeReason = new AtomicReference<>();
    private final Clock clock;
    private final Lifecycle lifecycle;
    private volatile PoolApplications applications;
    private volatile HealthMonitor health;
    private volatile boolean draining;
    private volatile Channel channel;
    private volatile boolean fileRegions;
    private final WorkerStateChannel state = new WorkerStateChannel();
    private final AtomicBoolean outOfMemoryTold = new AtomicBoolean();
    private volatile FaultReports faults;
    private final ConfigCodec.Assembler configurationChunks = new ConfigCodec.Assembler();
    private final CompletableFuture<ConfigCodec.WorkerConfiguration> configuration = new CompletableFuture<>();

    FrameServer(Clock clock, Lifecycle lifecycle) {
        this.clock = clock;
        this.lifecycle = lifecycle;
    }

    /** Sets what serves requests; called before READY is sent. */
    void serve(PoolApplications applications, HealthMonitor health) {
        this.applications = applications;
        this.health = health;
    }

    /**
     * Completes with the pool's configuration once the host has sent it (CONFIG frames, right after HELLO);
     * exceptionally when the connection closes first.
     */
    CompletableFuture<ConfigCodec.WorkerConfiguration> configuration() {
        return configuration;
    }

    /** The exchanges whose application has not ended its response yet (for the health check). */
    Collection<WorkerExchange> exchanges() {
        return streams.values();
    }

    /** The open exchange whose application code runs on {@code thread}, or null. */
    WorkerExchange exchangeOn(Thread thread) {
        for (WorkerExchange exchange : streams.values()) {
            if (exchange.thread == thread) {
                return exchange;
            }
        }
        return null;
    }

    /** The FAULT frames of this connection. */
    FaultReports faults() {
        return faults;
    }

    /**
     * Any thread: the JVM threw OutOfMemoryError; the host replaces this worker with an overlapped recycle. Told once:
     * the host recycles once, and a heap that stays full would make every request say it again.
     */
    void outOfMemory(String detail) {
        if (outOfMemoryTold.compareAndSet(false, true)) {
            LOG.error("Out of memory: asking the host to replace this worker ({})", detail);
            faults.send(0, new FaultCodec.Fault(FaultCodec.Kind.OUT_OF_MEMORY, detail), Duration.ZERO);
        }
    }

    /** The way to the host's StateServer, over this connection. */
    StateChannel stateChannel() {
        return state;
    }

    /** Whether the host may be asked to send files itself (it runs as this worker's user). */
    boolean fileRegions() {
        return fileRegions;
    }

    /** Request thread: the application ended or aborted its response. */
    void finished(WorkerExchange exchange) {
        streams.remove(exchange.stream, exchange);
        if (draining && streams.isEmpty()) {
            lifecycle.drained();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        channel = ctx.channel();
        faults = new FaultReports(channel);
        state.attach(channel);
        fileRegions = PeerUser.same(channel);
        if (!fileRegions) {
            LOG.info("The host runs as another user: files are sent as body bytes, not as file regions");
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Frame frame = (Frame) msg;
        try {
            handle(ctx, frame);
        } catch (FrameException e) {
            protocolError(ctx, e.getMessage());
        } finally {
            frame.release();
        }
    }

    private void handle(ChannelHandlerContext ctx, Frame frame) {
        ByteBuf payload = frame.payload();
        switch (frame.type()) {
            case REQUEST_HEAD -> start(ctx.channel(), frame.stream(), HeadCodec.readRequestHead(payload));
            case REQUEST_BODY -> {
                WorkerExchange exchange = streams.get(frame.stream());
                if (exchange != null) {
                    exchange.body.offer(payload);
                }
            }
            case REQUEST_END -> {
                WorkerExchange exchange = streams.get(frame.stream());
                if (exchange != null) {
                    exchange.body.finish();
                }
            }
            case WINDOW -> {
                int increment = ControlCodec.readWindow(payload);
                WorkerExchange exchange = streams.get(frame.stream());
                if (exchange != null) {
                    exchange.response.credit(increment);
                }
            }
            case ABORT -> {
                String reason = ControlCodec.readReason(payload, "ABORT");
                WorkerExchange exchange = streams.get(frame.stream());
                if (exchange != null) {
                    LOG.debug("Host aborted {}: {}", exchange.describe(), reason);
                    exchange.abortedByHost(reason);
                }
            }
            case PING -> {
                long nonce = ControlCodec.readPing(payload);
                HealthMonitor monitor = health;
                if (monitor != null) {
                    monitor.answer(nonce);
                }
            }
            case DRAIN -> drain(ctx.channel());
            case RECYCLE_APP -> {
                if (frame.stream() != 0) {
                    throw new FrameException("RECYCLE_APP frame on stream " + frame.stream() + " (must be 0)");
                }
                recycle(ctx.channel(), RecycleCodec.readRequest(payload));
            }
            case APP_STATUS -> {
                if (frame.stream() != 0) {
                    throw new FrameException("APP_STATUS frame on stream " + frame.stream() + " (must be 0)");
                }
                status(ctx.channel(), DomainStatusCodec.readRequest(payload));
            }
            case REQUEST_LIST -> {
                if (frame.stream() != 0) {
                    throw new FrameException("REQUEST_LIST frame on stream " + frame.stream() + " (must be 0)");
                }
                requestList(ctx.channel(), RequestListCodec.readRequest(payload));
            }
            case CONFIG -> {
                if (frame.stream() != 0) {
                    throw new FrameException("CONFIG frame on stream " + frame.stream() + " (must be 0)");
                }
                ConfigCodec.WorkerConfiguration complete = configurationChunks.add(payload);
                if (complete != null) {
                    configuration.complete(complete);
                }
            }
            case STATE_REPLY -> {
                if (frame.stream() != 0) {
                    throw new FrameException("STATE_REPLY frame on stream " + frame.stream() + " (must be 0)");
                }
                state.replied(StateFrames.readReply(payload));
            }
            default -> throw new FrameException(frame.type() + " frame is never sent to a worker");
        }
    }

    private void start(Channel ch, int stream, RequestHead head) {
        if (stream <= 0 || (stream & 1) == 0 || streams.containsKey(stream)) {
            throw new FrameException("REQUEST_HEAD on stream " + stream + ", which is not a new odd stream id");
        }
        PoolApplications apps = applications;
        RequestDispatcher dispatcher = apps == null ? null : apps.find(head.siteId(), head.applicationPath());
        if (draining || dispatcher == null) {
            String why = draining ? "the worker is shutting down" : "this worker does not host site " + head.siteId()
                    + " application " + head.applicationPath();
            if (!draining) {
                LOG.error("Request {} {} {}: {}", head.id(), head.method(), head.path(), why);
            }
            refuse(ch, stream, draining ? 503 : 500, why);
            return;
        }
        WorkerExchange exchange = new WorkerExchange(stream, head, ch, this, clock);
        streams.put(stream, exchange);
        dispatcher.dispatch(head, exchange.body, exchange.response);
    }

    /** Answers a request this worker cannot run with a plain error response. */
    private static void refuse(Channel ch, int stream, int status, String why) {
        byte[] body = (status + " " + why + "\r\n").getBytes(StandardCharsets.UTF_8);
        HeaderList headers = new HeaderList(2)
                .add("Content-Type", "text/plain; charset=utf-8")
                .add("Content-Length", Integer.toString(body.length));
        ByteBuf out = ch.alloc().buffer(256 + body.length);
        HeadCodec.writeResponseHead(out, stream, new ResponseHead(status, 0, null, headers, null));
        Frames.body(out, FrameType.RESPONSE_BODY, stream, body, 0, body.length);
        Frames.empty(out, FrameType.RESPONSE_END, stream);
        ch.writeAndFlush(out, ch.voidPromise());
    }

    /** Restarts the domain off the event loop (it waits for the new domain's start) and replies. */
    private void recycle(Channel ch, RecycleCodec.Request request) {
        PoolApplications apps = applications;
        Thread.ofVirtual().name("lido-recycle-app").start(() -> {
            RecycleCodec.Reply reply = ApplicationRecycler.recycle(apps, request);
            ByteBuf out = ch.alloc().buffer(128);
            RecycleCodec.writeReply(out, reply);
            ch.writeAndFlush(out, ch.voidPromise());
        });
    }

    /** Answers APP_STATUS at once: reading each runtime's state takes no lock and runs no application code. */
    private void status(Channel ch, long requestId) {
        PoolApplications apps = applications;
        ByteBuf out = ch.alloc().buffer(256);
        DomainStatusCodec.writeReply(out, new DomainStatusCodec.Reply(requestId,
                apps == null ? List.of() : apps.statuses()));
        ch.writeAndFlush(out, ch.voidPromise());
    }

    /** Answers REQUEST_LIST at once: the snapshot reads a few fields of each executing request, nothing more. */
    private static void requestList(Channel ch, RequestListCodec.Request request) {
        ByteBuf out = ch.alloc().buffer(1024);
        RequestListCodec.writeReply(out, request.requestId(), CurrentRequests.snapshot(request.minElapsedMillis()));
        ch.writeAndFlush(out, ch.voidPromise());
    }

    private void drain(Channel ch) {
        if (draining) {
            return;
        }
        draining = true;
        LOG.info("Draining: no new requests; {} in flight", streams.size());
        ByteBuf out = ch.alloc().buffer(64);
        Frames.withText(out, FrameType.GOAWAY, 0, "draining");
        ch.writeAndFlush(out, ch.voidPromise());
        if (streams.isEmpty()) {
            lifecycle.drained();
        }
    }

    private void protocolError(ChannelHandlerContext ctx, String reason) {
        if (closeReason.compareAndSet(null, "protocol error from the host: " + reason)) {
            LOG.error("Closing the connection to the host: protocol error: {}", reason);
        }
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof FrameException) {
            protocolError(ctx, root.getMessage());
            return;
        }
        if (closeReason.compareAndSet(null, "connection error: " + root)) {
            LOG.error("Closing the connection to the host: {}", root.toString());
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closeReason.compareAndSet(null, "the host closed the connection");
        for (WorkerExchange exchange : streams.values()) {
            exchange.abortedByHost("connection to the host closed");
        }
        state.disconnected(closeReason.get());
        configuration.completeExceptionally(new IllegalStateException("the connection to the host closed before it sent"
                + " the configuration: " + closeReason.get()));
        lifecycle.disconnected(closeReason.get());
        super.channelInactive(ctx);
    }
}
