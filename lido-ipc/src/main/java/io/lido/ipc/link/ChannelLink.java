package io.lido.ipc.link;

import io.lido.ipc.RequestBody;
import io.lido.ipc.RequestHead;
import io.lido.ipc.ResponseChannel;
import io.lido.ipc.frame.ConfigCodec;
import io.lido.ipc.frame.ControlCodec;
import io.lido.ipc.frame.DomainStatusCodec;
import io.lido.ipc.frame.FaultCodec;
import io.lido.ipc.frame.Frame;
import io.lido.ipc.frame.FrameException;
import io.lido.ipc.frame.FrameType;
import io.lido.ipc.frame.Frames;
import io.lido.ipc.frame.HeadCodec;
import io.lido.ipc.frame.PeerUser;
import io.lido.ipc.frame.RecycleCodec;
import io.lido.ipc.frame.RequestListCodec;
import io.lido.ipc.state.StateServer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.ObjLongConsumer;

/**
 * The {@link WorkerLink} over one Netty domain-socket channel: the last handler of its pipeline. Frames
 * are decoded on the event loop and handed to each stream's {@link HostExchange}; a protocol error
 * closes the channel with a logged reason and fails the open exchanges.
 */
final class ChannelLink extends ChannelInboundHandlerAdapter implements WorkerLink {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelLink.class);
    private static final long SWEEP_MILLIS = 1000;

    private final CompletableFuture<WorkerLink> ready;
    private final Map<Integer, HostExchange> streams = new ConcurrentHashMap<>();
    private final PendingPings pings = new PendingPings();
    private final PendingReplies<RecycleCodec.Reply> recycles = new PendingReplies<>();
    private final PendingReplies<DomainStatusCodec.Reply> statuses = new PendingReplies<>();
    private final PendingReplies<RequestListCodec.Reply> requestLists = new PendingReplies<>();
    private final LinkWriter writer = new LinkWriter();
    private final AtomicInteger nextStream = new AtomicInteger(1);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicReference<String> closeReason = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<Consumer<String>> closeListeners = new ArrayList<>();
    private volatile Consumer<FaultCodec.Fault> faultListener = fault -> { };
    private volatile Channel channel;
    private volatile long pid = -1;
    private volatile boolean draining;
    /**
     * Dispatches running now, on any thread. {@link #drain()} waits for them so that a request that
     * passed the draining check is written before DRAIN, never after it (the worker could be gone).
     */
    private final AtomicInteger dispatching = new AtomicInteger();
    /** Whether the worker runs as our user, so that we may open the files it names (event loop only). */
    private boolean fileRegionsAllowed;
    private ScheduledFuture<?> sweep;
    /** Exchanges that received frames in the current read burst (event loop only). */
    private final List<HostExchange> touched = new ArrayList<>();

    private final StateRelay state;

    /** What the worker is sent on its HELLO; null: nothing (a worker that loads its configuration itself). */
    private final ConfigCodec.WorkerConfiguration configuration;

    ChannelLink(CompletableFuture<WorkerLink> ready, StateServer stateServer, String pool,
                ConfigCodec.WorkerConfiguration configuration) {
        this.ready = ready;
        this.state = new StateRelay(stateServer, pool, writer);
        this.configuration = configuration;
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public void dispatch(RequestHead head, RequestBody body, ResponseChannel response, ExchangeEvents events) {
        dispatching.incrementAndGet();
        try {
            send(head, body, response, events);
        } finally {
            dispatching.decrementAndGet();
        }
    }

    private void send(RequestHead head, RequestBody body, ResponseChannel response, ExchangeEvents events) {
        Channel ch = channel;
        if (closed.get() || ch == null || !ch.isActive()) {
            events.failed("connection to worker pid " + pid + " is closed: " + reasonOr("not connected"), false);
            return;
        }
        if (draining) {
            events.failed("worker pid " + pid + " is draining", false);
            return;
        }
        // Odd ids; after a billion exchanges they wrap (the old ones ended long ago).
        int stream = nextStream.getAndUpdate(s -> s > Integer.MAX_VALUE - 2 ? 1 : s + 2);
        HostExchange exchange = new HostExchange(stream, head, body, response, events, this, writer);
        inFlight.incrementAndGet();
        streams.put(stream, exchange);
        ByteBuf out = ch.alloc().buffer(512);
        try {
            HeadCodec.writeRequestHead(out, stream, head);
        } catch (RuntimeException e) {
            out.release();
            exchange.enqueue(new HostExchange.Failure("request head cannot be framed: " + e.getMessage()));
            return;
        }
        if (!head.hasBody()) {
            Frames.empty(out, FrameType.REQUEST_END, stream);
        }
        ch.writeAndFlush(out, ch.voidPromise());
        if (head.hasBody()) {
            Thread.ofVirtual().name("lido-link-upload-" + stream).start(exchange::upload);
        }
        if (closed.get()) {
            // Closed while we registered: the close sweep may have missed this stream.
            failStream(exchange, reasonOr("connection closed"));
        }
    }

    @Override
    public CompletableFuture<Duration> ping() {
        CompletableFuture<Duration> future = new CompletableFuture<>();
        Channel ch = channel;
        if (closed.get() || ch == null) {
            future.completeExceptionally(new IllegalStateException("connection to worker pid " + pid + " is closed"));
            return future;
        }
        long nonce = pings.register(future);
        ByteBuf out = ch.alloc().buffer(24);
        ControlCodec.writePing(out, nonce);
        ch.writeAndFlush(out, ch.voidPromise());
        if (closed.get()) {
            pings.fail(nonce, "connection to worker pid " + pid + " closed");
        }
        return future;
    }

    @Override
    public CompletableFuture<RecycleCodec.Reply> recycleApplication(long siteId, String applicationPath) {
        return request(recycles, (out, id) -> RecycleCodec.writeRequest(out,
                new RecycleCodec.Request(id, siteId, applicationPath)));
    }

    @Override
    public CompletableFuture<DomainStatusCodec.Reply> applicationStatus() {
        return request(statuses, DomainStatusCodec::writeRequest);
    }

    @Override
    public CompletableFuture<RequestListCodec.Reply> executingRequests(long minElapsedMillis) {
        return request(requestLists, (out, id) -> RequestListCodec.writeRequest(out, id, minElapsedMillis));
    }

    /** Sends a stream-0 request that the worker answers by id; fails it when the connection is or gets closed. */
    private <R> CompletableFuture<R> request(PendingReplies<R> pending, ObjLongConsumer<ByteBuf> write) {
        CompletableFuture<R> future = new CompletableFuture<>();
        Channel ch = channel;
        if (closed.get() || ch == null) {
            future.completeExceptionally(new IllegalStateException("connection to worker pid " + pid + " is closed"));
            return future;
        }
        long id = pending.register(future);
        ByteBuf out = ch.alloc().buffer(64);
        write.accept(out, id);
        ch.writeAndFlush(out, ch.voidPromise());
        if (closed.get()) {
            pending.fail(id, "connection to worker pid " + pid + " closed");
        }
        return future;
    }

    @Override
    public void drain() {
        draining = true;
        // A dispatch never blocks, so this wait is a few microseconds at most.
        while (dispatching.get() != 0) {
            Thread.onSpinWait();
        }
        writer.empty(FrameType.DRAIN, 0);
    }

    @Override
    public int inFlight() {
        return inFlight.get();
    }

    @Override
    public boolean isOpen() {
        Channel ch = channel;
        return !closed.get() && ch != null && ch.isActive();
    }

    @Override
    public void onClose(Consumer<String> listener) {
        String reason;
        synchronized (closeListeners) {
            reason = closed.get() ? reasonOr("closed") : null;
            if (reason == null) {
                closeListeners.add(listener);
                return;
            }
        }
        listener.accept(reason);
    }

    @Override
    public void onFault(Consumer<FaultCodec.Fault> listener) {
        faultListener = listener;
    }

    @Override
    public void close() {
        closeReason.compareAndSet(null, "closed by the host");
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }

    // ---- used by HostExchange (any thread)

    /** Whether the worker may still send on that stream (it has not ended or aborted it). */
    boolean isStreamOpen(int stream) {
        return streams.containsKey(stream);
    }

    /** The exchange reported its outcome: it is no longer in flight. */
    void finished(HostExchange exchange) {
        streams.remove(exchange.stream, exchange);
        inFlight.decrementAndGet();
    }

    // ---- event loop

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        channel = ctx.channel();
        writer.attach(channel);
        fileRegionsAllowed = PeerUser.same(channel);
        sweep = ctx.executor().scheduleAtFixedRate(this::sweepClients, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        super.channelActive(ctx);
    }

    private void sweepClients() {
        for (HostExchange exchange : streams.values()) {
            exchange.checkClient();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Frame frame = (Frame) msg;
        boolean keep = false;
        try {
            keep = handle(frame);
        } catch (FrameException e) {
            protocolError(ctx, e.getMessage());
        } finally {
            if (!keep) {
                frame.release();
            }
        }
    }

    /** Returns true when the frame's payload was handed on (and will be released there). */
    private boolean handle(Frame frame) {
        int stream = frame.stream();
        ByteBuf payload = frame.payload();
        switch (frame.type()) {
            case HELLO -> {
                requireStream0(frame);
                ControlCodec.Hello hello = ControlCodec.readHello(payload);
                if (hello.version() != Frames.VERSION) {
                    throw new FrameException("worker speaks protocol version " + hello.version() + ", host speaks "
                            + Frames.VERSION);
                }
                pid = hello.pid();
                if (configuration != null) {
                    ByteBuf out = channel.alloc().buffer(configuration.text().length() + 64);
                    ConfigCodec.write(out, configuration);
                    channel.writeAndFlush(out, channel.voidPromise());
                }
            }
            case READY -> {
                requireStream0(frame);
                if (pid < 0) {
                    throw new FrameException("READY before HELLO");
                }
                LOG.debug("Worker pid {} is ready", pid);
                ready.complete(this);
            }
            case PONG -> {
                requireStream0(frame);
                pings.answered(ControlCodec.readPong(payload), pid);
            }
            case RECYCLE_APP -> {
                requireStream0(frame);
                RecycleCodec.Reply reply = RecycleCodec.readReply(payload);
                recycles.answered(reply.requestId(), reply);
            }
            case APP_STATUS -> {
                requireStream0(frame);
                DomainStatusCodec.Reply reply = DomainStatusCodec.readReply(payload);
                statuses.answered(reply.requestId(), reply);
            }
            case REQUEST_LIST -> {
                requireStream0(frame);
                RequestListCodec.Reply reply = RequestListCodec.readReply(payload);
                requestLists.answered(reply.requestId(), reply);
            }
            case GOAWAY -> {
                requireStream0(frame);
                draining = true;
                LOG.debug("Worker pid {} takes no new requests: {}", pid, ControlCodec.readReason(payload, "GOAWAY"));
            }
            case RESPONSE_HEAD -> {
                HostExchange exchange = exchange(frame);
                if (exchange != null) {
                    received(exchange, new HostExchange.Head(HeadCodec.readResponseHead(payload)));
                }
            }
            case RESPONSE_BODY -> {
                HostExchange exchange = exchange(frame);
                if (exchange != null) {
                    received(exchange, new HostExchange.Body(payload));
                    return true;
                }
            }
            case RESPONSE_FILE -> {
                HostExchange exchange = exchange(frame);
                if (!fileRegionsAllowed) {
                    throw new FrameException("RESPONSE_FILE from a worker that runs as another user (the host "
                            + "would read a file for it that it may not read itself)");
                }
                if (exchange != null) {
                    received(exchange, new HostExchange.File(ControlCodec.readFile(payload)));
                }
            }
            case RESPONSE_END -> {
                HostExchange exchange = exchange(frame);
                if (exchange != null) {
                    streams.remove(stream, exchange);
                    received(exchange, new HostExchange.End());
                }
            }
            case ABORT -> {
                String reason = ControlCodec.readReason(payload, "ABORT");
                HostExchange exchange = exchange(frame);
                if (exchange != null) {
                    streams.remove(stream, exchange);
                    received(exchange, new HostExchange.Abort(reason));
                }
            }
            case WINDOW -> {
                int increment = ControlCodec.readWindow(payload);
                HostExchange exchange = exchange(frame);
                if (exchange != null) {
                    exchange.uploadWindow.grant(increment);
                }
            }
            case FAULT -> {
                FaultCodec.Fault fault = FaultCodec.read(payload);
                // The request's events hear it first: the pool marks the request before the link's failure comes.
                if (stream != 0) {
                    HostExchange exchange = exchange(frame);
                    if (exchange != null) {
                        exchange.faulted(fault);
                    }
                }
                faultListener.accept(fault);
            }
            case STATE_ACQUIRE, STATE_CREATE, STATE_RELEASE -> {
                requireStream0(frame);
                state.handle(frame.type(), payload, pid);
            }
            default -> throw new FrameException(frame.type() + " frame is never sent to the host");
        }
        return false;
    }

    /** Queues a step; the relay starts at the end of the read burst ({@link #channelReadComplete}). */
    private void received(HostExchange exchange, HostExchange.Step step) {
        exchange.add(step);
        if (!exchange.touched) {
            exchange.touched = true;
            touched.add(exchange);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        for (int i = 0, n = touched.size(); i < n; i++) {
            HostExchange exchange = touched.get(i);
            exchange.touched = false;
            exchange.kick(true);
        }
        touched.clear();
        ctx.fireChannelReadComplete();
    }

    private static void requireStream0(Frame frame) {
        if (frame.stream() != 0) {
            throw new FrameException(frame.type() + " frame on stream " + frame.stream() + " (must be 0)");
        }
    }

    /** The open exchange of a stream frame; null when it has ended already (a frame racing its end). */
    private HostExchange exchange(Frame frame) {
        int stream = frame.stream();
        if (stream <= 0 || (stream & 1) == 0) {
            throw new FrameException(frame.type() + " frame for stream " + stream + ", which the host never opened");
        }
        return streams.get(stream);
    }

    private void protocolError(ChannelHandlerContext ctx, String reason) {
        String full = "protocol error from worker pid " + pid + ": " + reason;
        if (closeReason.compareAndSet(null, full)) {
            LOG.error("Closing the connection to worker pid {}: {}", pid, reason);
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
        // A worker that dies with bytes unread resets the connection: that is a lost worker, not a bug here.
        String reason = root instanceof java.io.IOException
                ? "connection to worker pid " + pid + " lost: " + root.getMessage()
                : "connection to worker pid " + pid + " failed: " + root;
        if (closeReason.compareAndSet(null, reason)) {
            LOG.warn("Closing the connection to worker pid {}: {}", pid, root.toString());
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closeReason.compareAndSet(null, "worker pid " + pid + " closed the connection");
        closed.set(true);
        if (sweep != null) {
            sweep.cancel(false);
        }
        String reason = closeReason.get();
        for (HostExchange exchange : streams.values()) {
            failStream(exchange, reason);
        }
        pings.failAll(reason);
        recycles.failAll(reason);
        statuses.failAll(reason);
        requestLists.failAll(reason);
        state.close();
        ready.completeExceptionally(new IllegalStateException("worker closed the connection before READY: " + reason));
        List<Consumer<String>> listeners;
        synchronized (closeListeners) {
            listeners = List.copyOf(closeListeners);
            closeListeners.clear();
        }
        for (Consumer<String> listener : listeners) {
            try {
                listener.accept(reason);
            } catch (RuntimeException e) {
                LOG.error("Worker pid {}: a close listener failed", pid, e);
            }
        }
        super.channelInactive(ctx);
    }

    private void failStream(HostExchange exchange, String reason) {
        if (streams.remove(exchange.stream, exchange)) {
            exchange.enqueue(new HostExchange.Failure(reason));
        }
    }

    private String reasonOr(String fallback) {
        String reason = closeReason.get();
        return reason == null ? fallback : reason;
    }

    @Override
    public String toString() {
        return "WorkerLink[pid " + pid + ", " + inFlight() + " in flight" + (isOpen() ? "" : ", closed") + "]";
    }
}
