package io.lido.ipc.link;

import io.lido.ipc.HeaderList;
import io.lido.ipc.RequestBody;
import io.lido.ipc.RequestHead;
import io.lido.ipc.ResponseChannel;
import io.lido.ipc.ResponseHead;
import io.lido.ipc.frame.ControlCodec;
import io.lido.ipc.frame.FlowWindow;
import io.lido.ipc.frame.FrameType;
import io.lido.ipc.frame.Frames;
import io.netty.buffer.ByteBuf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One exchange on a {@link ChannelLink}, host side. The event loop only enqueues what the worker sent;
 * a virtual thread relays it to the listener's {@link ResponseChannel} in order (its calls may block on
 * a slow client), and another pulls the request body and sends it under the stream's credit window.
 * Exactly one of {@link ExchangeEvents#completed()} or {@link ExchangeEvents#failed} is reported.
 */
final class HostExchange {
    private static final Logger LOG = LoggerFactory.getLogger(HostExchange.class);
    private static final int CREDIT_STEP = FlowWindow.INITIAL / 4;
    /** A response relayed on the event loop has at most this many steps (head, body frames, end). */
    private static final int INLINE_STEPS = 6;

    /** What the relay thread does next, in arrival order. */
    sealed interface Step permits Head, Body, File, End, Abort, Failure, ClientGone {
    }

    record Head(ResponseHead head) implements Step {
    }

    record Body(ByteBuf data) implements Step {
    }

    record File(ControlCodec.FileRegion region) implements Step {
    }

    record End() implements Step {
    }

    record Abort(String reason) implements Step {
    }

    record Failure(String reason) implements Step {
    }

    record ClientGone(String reason) implements Step {
    }

    final int stream;
    final RequestHead head;
    private final RequestBody body;
    private final ResponseChannel response;
    private final ExchangeEvents events;
    private final ChannelLink link;
    private final LinkWriter writer;
    final FlowWindow uploadWindow = new FlowWindow();
    private final ConcurrentLinkedQueue<Step> steps = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean relaying = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicBoolean clientGoneQueued = new AtomicBoolean();
    private volatile boolean responseStarted;
    /** Received frames in the link's current read burst (link event loop only). */
    boolean touched;
    /** Relayed response bytes not yet credited back to the worker (relay thread only). */
    private int uncredited;

    HostExchange(int stream, RequestHead head, RequestBody body, ResponseChannel response, ExchangeEvents events,
                 ChannelLink link, LinkWriter writer) {
        this.writer = writer;
        this.stream = stream;
        this.head = head;
        this.body = body;
        this.response = response;
        this.events = events;
        this.link = link;
    }

    /** Any thread: queues a step and makes sure a relay thread runs. */
    void enqueue(Step step) {
        steps.add(step);
        kick(false);
    }

    /**
     * Event loop, while reading: queues a step without starting the relay; the link calls
     * {@link #kick(boolean)} at the end of the read burst, when the whole response may be in hand.
     */
    void add(Step step) {
        steps.add(step);
    }

    /**
     * Makes sure the queued steps get relayed. On the link's event loop a small, complete response
     * (head, a little body, end) that the listener takes without blocking is relayed right here,
     * which saves a thread hand-off per request; anything else goes to a virtual thread.
     */
    void kick(boolean onEventLoop) {
        if (!relaying.compareAndSet(false, true)) {
            return;
        }
        if (onEventLoop && smallCompleteResponse()) {
            relay();
        } else {
            Thread.ofVirtual().name("lido-link-relay-" + stream).start(this::relay);
        }
    }

    private boolean smallCompleteResponse() {
        if (responseStarted) {
            return false;
        }
        long bytes = 0;
        int index = 0;
        for (Step step : steps) {
            boolean first = index++ == 0;
            if (index > INLINE_STEPS || first != step instanceof Head) {
                return false;
            }
            switch (step) {
                case Head(ResponseHead h) -> bytes += estimate(h);
                case Body(ByteBuf data) -> bytes += data.readableBytes();
                case End() -> {
                    return response.canSendWithoutBlocking(bytes);
                }
                default -> {
                    return false;
                }
            }
        }
        return false;
    }

    private static long estimate(ResponseHead head) {
        long bytes = 32;
        HeaderList headers = head.headers();
        for (int i = 0, n = headers.size(); i < n; i++) {
            bytes += headers.name(i).length() + headers.value(i).length() + 4;
        }
        return head.reason() == null ? bytes : bytes + head.reason().length();
    }

    /** Event loop: the worker says this request is why it fails (hung in it, or exiting from it). */
    void faulted(io.lido.ipc.frame.FaultCodec.Fault fault) {
        try {
            events.faulted(fault);
        } catch (RuntimeException e) {
            LOG.error("Worker pid {}: request {}: exchange listener failed", link.pid(), head.id(), e);
        }
    }

    /** Event loop (sweep): queues the end of an exchange whose client has gone. */
    void checkClient() {
        if (!finished.get() && !response.isClientConnected() && clientGoneQueued.compareAndSet(false, true)) {
            enqueue(new ClientGone("client disconnected"));
        }
    }

    boolean isFinished() {
        return finished.get();
    }

    private void relay() {
        while (true) {
            Step step;
            while ((step = steps.poll()) != null) {
                run(step);
            }
            relaying.set(false);
            // A step queued after the last poll and before the flag dropped would be stranded otherwise.
            if (steps.isEmpty() || !relaying.compareAndSet(false, true)) {
                return;
            }
        }
    }

    private void run(Step step) {
        if (finished.get()) {
            if (step instanceof Body(ByteBuf data)) {
                data.release();
            }
            return;
        }
        try {
            switch (step) {
                case Head(ResponseHead h) -> {
                    responseStarted = true;
                    events.responseStarted();
                    response.sendHead(h);
                }
                case Body(ByteBuf data) -> relayBody(data);
                case File(ControlCodec.FileRegion r) -> response.sendFile(r.file(), r.offset(), r.length());
                case End() -> {
                    response.end();
                    finish(null);
                }
                case Abort(String reason) -> {
                    response.abort("application aborted the response: " + reason);
                    finish(null);
                }
                case Failure(String reason) -> finish(reason);
                case ClientGone(String reason) -> abandon(reason);
            }
        } catch (RuntimeException e) {
            // The listener refused what the worker sent (a malformed header, a body longer than its
            // Content-Length): this exchange cannot complete, but the connection is fine.
            LOG.warn("Worker pid {}: request {} {} {}: cannot relay the response: {}", link.pid(), head.id(),
                    head.method(), head.path(), e.toString());
            abandon("host could not relay the response: " + e.getMessage());
        }
    }

    private void relayBody(ByteBuf data) {
        int n = data.readableBytes();
        byte[] bytes = new byte[n];
        try {
            data.readBytes(bytes);
        } finally {
            data.release();
        }
        response.sendBody(bytes, 0, n);
        if (!response.isClientConnected()) {
            abandon("client disconnected");
            return;
        }
        // Credit goes back in steps (the worker never waits for less than a window minus a step), and
        // not at all once the worker has ended the stream.
        uncredited += n;
        if (uncredited >= CREDIT_STEP && link.isStreamOpen(stream)) {
            writer.window(stream, uncredited);
            uncredited = 0;
        }
    }

    /** Tells the worker to stop, ends the exchange as done (the client will not see more). */
    private void abandon(String reason) {
        if (finished.get()) {
            return;
        }
        writer.abort(stream, reason);
        response.abort(reason);
        finish(null);
    }

    private void finish(String failure) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        uploadWindow.close();
        link.finished(this);
        try {
            if (failure == null) {
                events.completed();
            } else {
                events.failed(failure, responseStarted);
            }
        } catch (RuntimeException e) {
            LOG.error("Worker pid {}: request {}: exchange listener failed", link.pid(), head.id(), e);
        }
        drop();
    }

    /** Releases body buffers nobody will relay now. */
    private void drop() {
        Step step;
        while ((step = steps.poll()) != null) {
            if (step instanceof Body(ByteBuf data)) {
                data.release();
            }
        }
    }

    /** Virtual thread: pulls the request body and sends it under the credit window. */
    void upload() {
        byte[] buffer = new byte[Frames.MAX_CHUNK];
        try {
            while (!finished.get()) {
                int n = body.read(buffer, 0, buffer.length);
                if (n < 0) {
                    writer.empty(FrameType.REQUEST_END, stream);
                    return;
                }
                for (int offset = 0; offset < n; ) {
                    int credit = uploadWindow.acquire(n - offset);
                    if (credit < 0) {
                        return;
                    }
                    writer.requestBody(stream, buffer, offset, credit);
                    offset += credit;
                }
            }
        } catch (IOException e) {
            if (clientGoneQueued.compareAndSet(false, true)) {
                enqueue(new ClientGone("request body failed: " + e.getMessage()));
            }
        }
    }
}
