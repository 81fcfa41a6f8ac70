package io.lido.activation;

import io.lido.ipc.RequestBody;
import io.lido.ipc.RequestHead;
import io.lido.ipc.ResponseChannel;
import io.lido.ipc.link.ExchangeEvents;
import io.lido.ipc.link.WorkerLink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** A worker link that records what the pool sends and lets the test answer, hang or die. */
final class FakeLink implements WorkerLink {

    /** One request sent through the link. */
    record Sent(RequestHead head, ResponseChannel response, ExchangeEvents events) {
        void complete() {
            events.completed();
        }
    }

    private final long pid;
    final List<Sent> sent = new ArrayList<>();
    final List<CompletableFuture<Duration>> pings = new ArrayList<>();
    volatile boolean drained;
    private boolean open = true;
    private Consumer<String> onClose = reason -> { };
    private Consumer<io.lido.ipc.frame.FaultCodec.Fault> onFault = fault -> { };

    FakeLink(long pid) {
        this.pid = pid;
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public void dispatch(RequestHead head, RequestBody body, ResponseChannel response, ExchangeEvents events) {
        if (!open) {
            events.failed("connection to the worker is closed", false); // as the real link: at once, nothing sent
            return;
        }
        sent.add(new Sent(head, response, events));
    }

    @Override
    public CompletableFuture<Duration> ping() {
        CompletableFuture<Duration> pong = new CompletableFuture<>();
        pings.add(pong);
        return pong;
    }

    /** Answers every ping sent so far. */
    void pong() {
        pings.forEach(p -> p.complete(Duration.ofMillis(1)));
    }

    /** Replies the worker would send to RECYCLE_APP, in order; none left fails the request. */
    final java.util.ArrayDeque<io.lido.ipc.frame.RecycleCodec.Status> recycleReplies = new java.util.ArrayDeque<>();
    /** The RECYCLE_APP requests received, as "siteId path". */
    final List<String> recycleRequests = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<io.lido.ipc.frame.RecycleCodec.Reply> recycleApplication(long siteId, String path) {
        recycleRequests.add(siteId + " " + path);
        var status = recycleReplies.poll();
        return status == null ? CompletableFuture.failedFuture(new IllegalStateException("connection lost"))
                : CompletableFuture.completedFuture(new io.lido.ipc.frame.RecycleCodec.Reply(1, status, "test"));
    }

    /** What {@link #applicationStatus()} answers; null: the connection is lost. */
    volatile io.lido.ipc.frame.DomainStatusCodec.Reply statusReply;

    @Override
    public CompletableFuture<io.lido.ipc.frame.DomainStatusCodec.Reply> applicationStatus() {
        var reply = statusReply;
        return reply == null ? CompletableFuture.failedFuture(new IllegalStateException("connection lost"))
                : CompletableFuture.completedFuture(reply);
    }

    @Override
    public void drain() {
        drained = true;
    }

    @Override
    public int inFlight() {
        return sent.size();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void onClose(Consumer<String> reason) {
        this.onClose = reason;
    }

    @Override
    public void onFault(Consumer<io.lido.ipc.frame.FaultCodec.Fault> listener) {
        this.onFault = listener;
    }

    /** The worker sends a FAULT: on the stream of {@code request} (its events hear it first), or on stream 0. */
    void fault(Sent request, io.lido.ipc.frame.FaultCodec.Kind kind, String detail) {
        var fault = new io.lido.ipc.frame.FaultCodec.Fault(kind, detail);
        if (request != null) {
            request.events().faulted(fault);
        }
        onFault.accept(fault);
    }

    /** The connection dropped, but the pool has not been told yet (the close notice is still on its way). */
    void dropSilently() {
        open = false;
    }

    /** The connection's close notice, alone (the exchanges had all ended). */
    void announceClose() {
        open = false;
        onClose.accept("worker connection closed");
    }

    /** The worker died: exchanges fail (as the real link reports them), then the close notice. */
    void die(boolean responseStarted) {
        open = false;
        for (Sent s : List.copyOf(sent)) {
            s.events().failed("worker connection closed", responseStarted);
        }
        onClose.accept("worker connection closed");
    }

    @Override
    public void close() {
        open = false;
    }
}
