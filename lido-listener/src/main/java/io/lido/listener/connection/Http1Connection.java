package io.lido.listener.connection;

import io.lido.ipc.RequestDispatcher;
import io.lido.ipc.RequestHead;
import io.lido.listener.codec.BodyEnd;
import io.lido.listener.codec.ParsedHead;
import io.lido.listener.codec.Rejection;
import io.lido.listener.codec.RequestDecoder;
import io.lido.listener.ipsecurity.ClientGate;
import io.lido.listener.ipsecurity.ClientRules;
import io.lido.listener.ipsecurity.DenyAction;
import io.lido.listener.ipsecurity.Denial;
import io.lido.listener.routing.ApplicationRoute;
import io.lido.listener.routing.Endpoint;
import io.lido.listener.routing.RequestTarget;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;

/**
 * One client connection: routes each decoded request to its site and application, applies the
 * application's request limits and the URL's IP restrictions (ipSecurity, dynamicIpSecurity), dispatches
 * it, and completes it when the runtime ends the response.
 * One exchange at a time: the decoder stays paused until the response is complete, then the next
 * pipelined request is decoded. Errors the listener answers itself go out with Connection: close
 * and to the error log.
 *
 * <p>Event-loop confined, except {@link #complete}, {@link #abort}, {@link #awaitWritable} and the body
 * flow control, which the runtime thread calls and which hop to the event loop.
 */
public final class Http1Connection extends ChannelInboundHandlerAdapter
        implements BodyQueue.FlowControl, ConnectionTimer.Output {
    private static final Logger LOG = LoggerFactory.getLogger(Http1Connection.class);
    private static final int MAX_PIPELINED_BYTES = 64 * 1024;
    /** Unread body bytes drained after a response before giving up on the connection (HTTP.sys drains too). */
    private static final long MAX_DRAINED_BYTES = 1024 * 1024;
    /** sc-win32-status of an exchange whose client went away: ERROR_NETNAME_DELETED, as IIS logs it. */
    private static final int WIN32_NETNAME_DELETED = 64;
    /** sc-win32-status of an exchange the server cut (a timer): ERROR_CONNECTION_ABORTED, as IIS logs it. */
    private static final int WIN32_CONNECTION_ABORTED = 1236;
    /** Long enough to mean "until writable or closed", short enough that adding it to nanoTime() cannot overflow. */
    private static final long UNTIL_CLOSED = java.time.Duration.ofDays(365).toNanos();
    private static final ByteBuf CONTINUE = Unpooled.unreleasableBuffer(Unpooled.copiedBuffer(
            "HTTP/1.1 100 Continue\r\n\r\n", java.nio.charset.StandardCharsets.US_ASCII)).asReadOnly();

    private final ListenerContext context;
    private final Endpoint endpoint;
    private final RequestDecoder decoder;
    private final ConnectionTimer timer;
    private ChannelHandlerContext ctx;
    private Channel channel;
    private Exchange exchange;
    private boolean drainingBody;
    /** The timer that closed the connection, or null. */
    private String timedOut;
    private long drainedBytes;
    private volatile boolean closing;
    private TrafficGate gate;
    private OutboundMeter meter;
    private boolean counted;
    /** The client does not read its answers: the connection is charged to the buffer budget. */
    private boolean stalled;
    private final ConnectionLog log;
    private io.lido.ipc.TlsDetails tls;

    public Http1Connection(ListenerContext context, Endpoint endpoint, RequestDecoder decoder) {
        this.context = context;
        this.endpoint = endpoint;
        this.decoder = decoder;
        this.log = new ConnectionLog(context.accessLog(), context.errorLog());
        this.timer = new ConnectionTimer(this, context.options(), context.connectionTimeout(endpoint));
    }

    Channel channel() {
        return channel;
    }

    boolean closing() {
        return closing || context.draining();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.channel = ctx.channel();
        this.gate = new TrafficGate(channel);
        // A client pipelining faster than we answer waits in TCP, not in our memory: checked on every
        // read, so a read burst stops as soon as the bound is passed.
        decoder.backlogLimit(MAX_PIPELINED_BYTES, () -> gate.suspend(TrafficGate.PIPELINE));
        this.meter = new OutboundMeter(channel);
        ctx.pipeline().addFirst(meter);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        log.connected(channel);
        context.connections().add(channel);
        counted = true;
        if (!context.tryOpen(endpoint)) {
            reject(Rejection.connectionLimit("connection limit of " + endpoint
                    + " reached"), null, 0);
            return;
        }
        BufferBudget budget = context.bufferBudget();
        if (!budget.admits()) {
            reject(Rejection.bufferBudgetSpent("the listener's buffer budget of "
                    + budget.budgetBytes() + " bytes is spent on clients that do not read their answers"), null, 0);
            return;
        }
        timer.accepted(ctx.executor());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        switch (msg) {
            case ParsedHead head -> onHead(head);
            case ByteBuf content -> onBody(content);
            case BodyEnd end -> onBodyEnd();
            case Rejection rejection -> onRejection(rejection);
            default -> throw new IllegalStateException("unexpected message " + msg.getClass().getName());
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (closing) {
            return;
        }
        if (exchange == null && !drainingBody && decoder.hasPartialHead()) {
            timer.headerWait(ctx.executor());
        }
    }

    private void onHead(ParsedHead head) {
        timer.stop();
        switch (RequestRouter.route(head, endpoint, log.localIp())) {
            case RequestRouter.ToApplication to -> {
                ClientGate.Verdict verdict = admit(head, to);
                if (verdict == null) {
                    reject(Rejection.internal("Internal Server Error - Configuration",
                            "the IP restrictions cannot be read"), head, to.app().site().id());
                    return;
                }
                if (verdict instanceof ClientGate.Denied denied) {
                    deny(head, to, denied.denial());
                    return;
                }
                timer.siteTimeout(to.app().site().limits().connectionTimeout());
                decoder.bodyLimit(to.bodyLimit());
                dispatch(head, to.target(), to.app(), (ClientGate.Admitted) verdict);
            }
            case RequestRouter.Refused refused -> reject(refused.rejection(), head, refused.siteId());
            case RequestRouter.ToHttps to -> redirectToHttps(head, to);
            case RequestRouter.ServerOptions options -> answerOptionsAsterisk(head);
        }
    }

    /** Answers the 301 of hsts redirectHttpToHttps and closes: the client comes back over TLS anyway. */
    private void redirectToHttps(ParsedHead head, RequestRouter.ToHttps to) {
        ByteBuf answer = HttpsRedirect.encode(ctx.alloc(), to.location());
        log.answered(head, to.target().path(), to.target().query(), to.siteId(), 301, answer.readableBytes());
        closeGracefully(answer);
    }

    /**
     * ipSecurity and dynamicIpSecurity of the request's URL, before anything else is done for it; null when
     * they cannot be read (then the request is refused: the restrictions are never skipped).
     */
    private ClientGate.Verdict admit(ParsedHead head, RequestRouter.ToApplication to) {
        ClientRules rules;
        try {
            rules = to.app().clientRules(to.target().path());
        } catch (RuntimeException e) {
            LOG.error("cannot read the IP restrictions of {} {}", to.app(), to.target().path(), e);
            return null;
        }
        return context.clientGate().admit(rules, to.app().site().id(), log.remoteAddress(),
                rules.open() ? List.of() : head.headers().getAll("X-Forwarded-For"));
    }

    /** Answers a request the IP restrictions denied (or drops the connection: AbortRequest), then closes. */
    private void deny(ParsedHead head, RequestRouter.ToApplication to, Denial denial) {
        RequestTarget target = to.target();
        String host = target.authority() != null ? target.authority() : head.host();
        long siteId = to.app().site().id();
        if (denial.action() == DenyAction.ABORT_REQUEST) {
            log.denied(head, target, host, siteId, denial, 0, WIN32_CONNECTION_ABORTED);
            closing = true;
            decoder.stop();
            timer.stop();
            channel.close();
            return;
        }
        ByteBuf page = ErrorResponse.encode(ctx.alloc(), new Rejection(denial.status(), denial.pageSubStatus(),
                "IpRestriction", denial.title(), denial.detail()), head.method().equals("HEAD"));
        log.denied(head, target, host, siteId, denial, page.readableBytes(), 0);
        closeGracefully(page);
    }

    private void dispatch(ParsedHead parsed, RequestTarget target, ApplicationRoute app, ClientGate.Admitted admitted) {
        RequestHead head = new RequestHead(context.nextRequestId(), parsed.method(), target.originForm(), target.path(),
                target.query(), parsed.minorVersion(), parsed.headers(), log.remoteIp(), log.remotePort(), log.localIp(), log.localPort(),
                endpoint.secure(), app.site().id(), app.site().name(), app.application().path(), parsed.contentLength(),
                tlsDetails());
        String host = target.authority() != null ? target.authority() : parsed.host();
        Exchange ex = new Exchange(head, parsed, host, this, admitted);
        ex.hsts = endpoint.secure() ? app.hstsHeader() : null;
        exchange = ex;
        context.inFlightCounter().incrementAndGet();
        RequestDispatcher dispatcher;
        try {
            dispatcher = context.resolver().dispatcher(app.site(), app.application());
        } catch (RuntimeException e) {
            dispatchFailed(ex, e);
            return;
        }
        if (parsed.hasBody()) {
            timer.bodyStarted(ctx.executor());
            if (parsed.expectation() == ParsedHead.Expectation.CONTINUE) {
                ctx.writeAndFlush(CONTINUE.duplicate());
            }
            if (context.options().uploadReadAheadSize() > 0) {
                // The request takes a worker's slot only once its body is here, or enough of it to be worth it.
                ex.readingAhead = dispatcher;
                return;
            }
        }
        send(ex, dispatcher);
    }

    /** The connection's TLS details, read from its engine once (at the first request, after the handshake). */
    private io.lido.ipc.TlsDetails tlsDetails() {
        if (tls == null) {
            tls = endpoint.secure() ? TlsSession.details(ctx.pipeline()) : io.lido.ipc.TlsDetails.NONE;
        }
        return tls;
    }

    private void send(Exchange ex, RequestDispatcher dispatcher) {
        releaseReadAhead(ex);
        try {
            dispatcher.dispatch(ex.head, ex.requestBody(), ex.response);
        } catch (RuntimeException e) {
            dispatchFailed(ex, e);
        }
    }

    private void dispatchFailed(Exchange ex, RuntimeException e) {
        LOG.error("dispatching request {} {} failed", ex.head.method(), ex.head.path(), e);
        if (exchange == ex) {
            failExchange(ex, Rejection.internal("Internal Server Error", "dispatcher failed: " + e));
        }
    }

    /** Dispatches a request reading ahead once its body reached the read-ahead size or the budget is spent. */
    private void readAhead(Exchange ex, int bytes) {
        if (ex.readAheadBytes + bytes >= context.options().uploadReadAheadSize() || !context.reserveReadAhead(bytes)) {
            send(ex, ex.readingAhead);
            return;
        }
        ex.readAheadBytes += bytes;
    }

    private void onBody(ByteBuf content) {
        Exchange ex = exchange;
        if (ex != null) {
            timer.bodyReceived(ctx.executor(), content.readableBytes());
        }
        if (ex == null) {
            drainedBytes += content.readableBytes();
            content.release();
            if (drainingBody && drainedBytes > MAX_DRAINED_BYTES) {
                drainingBody = false;
                closeGracefully(null);
            }
            return;
        }
        int n = content.readableBytes();
        ex.bytesReceived += n;
        ex.offerBody(content);
        if (ex.readingAhead != null) {
            readAhead(ex, n);
        }
    }

    private void onBodyEnd() {
        Exchange ex = exchange;
        if (ex != null) {
            timer.stop();
            ex.bodyComplete = true;
            ex.finishBody();
            if (ex.readingAhead != null) {
                send(ex, ex.readingAhead);
            }
        } else if (drainingBody) {
            drainingBody = false;
            nextRequest();
        }
    }

    private void onRejection(Rejection rejection) {
        Exchange ex = exchange;
        if (ex != null) {
            failExchange(ex, rejection);
        } else if (drainingBody) {
            // The response is already out: another one would be an extra answer, so just close.
            log.error(rejection, null, 0);
            closeGracefully(null);
        } else {
            reject(rejection, null, 0);
        }
    }

    /** The body of an in-flight exchange went wrong, or its dispatch failed. */
    private void failExchange(Exchange ex, Rejection rejection) {
        // Detach before failing the body: the runtime thread reacts to the failure by aborting.
        if (ex.response.detachIfUnanswered()) {
            releaseReadAhead(ex);
            exchange = null;
            ended(ex);
            ex.failBody(new IOException(rejection.detail()));
            reject(rejection, ex.parsed, ex.head.siteId());
            return;
        }
        // The application is already answering (a static 405 does not read the body): let that answer
        // go out, then close, because nothing after a broken body can be trusted (RFC 9112 §6.3).
        log.error(rejection, ex.parsed, ex.head.siteId());
        closing = true;
        decoder.stop();
        ex.failBody(new IOException(rejection.detail()));
    }

    private void answerOptionsAsterisk(ParsedHead head) {
        boolean close = !head.keepAlive() || closing();
        ByteBuf buf = ResponseEncoder.serverOptions(ctx.alloc(), close, !close && head.minorVersion() == 0);
        if (close) {
            closeGracefully(buf);
        } else {
            ctx.writeAndFlush(buf);
            drainingBody = head.hasBody();
            drainedBytes = 0;
            if (drainingBody) {
                timer.draining(ctx.executor());
            } else {
                nextRequest();
            }
        }
    }

    /** Answers an error the listener found itself, logs it, and closes the connection. */
    private void reject(Rejection rejection, ParsedHead head, long siteId) {
        log.error(rejection, head, siteId);
        boolean headOnly = head != null && head.method().equals("HEAD");
        closeGracefully(ErrorResponse.encode(ctx.alloc(), rejection, headOnly));
    }

    /** Runtime thread or event loop: the response ended; write its last bytes and go on. */
    void complete(Exchange ex, ByteBuf last, boolean close) {
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(() -> complete(ex, last, close));
            return;
        }
        if (ex != exchange) {
            if (last != null) {
                last.release();
            }
            return;
        }
        exchange = null;
        ended(ex);
        sendLast(ex, last);
        if (close || closing()) {
            closeGracefully(null);
            return;
        }
        watchOutput();
        if (!ex.bodyComplete) {
            ex.discardBody();
            drainingBody = true;
            drainedBytes = 0;
            timer.draining(ctx.executor());
            return;
        }
        nextRequest();
    }

    /**
     * Writes an exchange's last bytes; the exchange is logged once they have all gone to the socket (or
     * the connection failed first), so time-taken runs to the last byte and sc-bytes counts what was sent.
     */
    private void sendLast(Exchange ex, ByteBuf last) {
        ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        if (out != null && out.isEmpty()) {
            // Most responses: everything before has gone, and the socket takes these bytes at once too.
            if (last != null) {
                ctx.writeAndFlush(last, ctx.voidPromise());
            }
            if (out.isEmpty()) {
                ex.bytesWritten = ex.bytesSent;
                delivered(ex, true);
                return;
            }
            // The socket took part of them: that part is known now; an empty write after the rest
            // completes when the rest has gone too.
            ex.bytesWritten = ex.bytesSent - QueuedBytes.of(out);
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER, WriteProgress.lastWrite(channel, ex, this));
            return;
        }
        ctx.writeAndFlush(last != null ? last : Unpooled.EMPTY_BUFFER, WriteProgress.lastWrite(channel, ex, this));
    }

    /** Event loop: the last byte of a completed exchange has gone to the socket, or the connection failed first. */
    void delivered(Exchange ex, boolean sent) {
        if (sent) {
            ex.bytesWritten = ex.bytesSent;
        }
        logAccess(ex, sent ? 0 : cutStatus());
    }

    /** Logs an exchange once, whichever of completion, abort and disconnection comes first. */
    private void logAccess(Exchange ex, int win32Status) {
        if (!ex.logged) {
            ex.logged = true;
            log.access(ex, win32Status);
        }
    }

    /** The win32 status of an exchange cut before its last byte: by a timer of Lido's, or by the client. */
    private int cutStatus() {
        return timedOut != null ? WIN32_CONNECTION_ABORTED : WIN32_NETNAME_DELETED;
    }

    /** Runtime thread or event loop: the runtime gave up on the response. */
    void abort(Exchange ex, String reason) {
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(() -> abort(ex, reason));
            return;
        }
        if (ex != exchange) {
            return;
        }
        exchange = null;
        ended(ex);
        ex.discardBody();
        // The runtime may give up because it saw the client go before the loop did: then the client cut it.
        logAccess(ex, channel.isActive() ? WIN32_CONNECTION_ABORTED : cutStatus());
        log.error(Rejection.abandoned("response aborted: " + reason), ex.parsed,
                ex.head.siteId());
        closing = true;
        decoder.stop();
        channel.close();
    }

    private void nextRequest() {
        if (closing()) {
            // stopAccepting() came while this exchange's body was still being drained
            closeGracefully(null);
            return;
        }
        if (!channel.isWritable()) {
            // The client does not read its answers: take no further request from it until it does. Not
            // idle, but a client that reads nothing for the connectionTimeout is closed all the same.
            timer.idle(ctx.executor());
            gate.suspend(TrafficGate.SEND);
            return;
        }
        timer.idle(ctx.executor());
        gate.resume(TrafficGate.PIPELINE);
        decoder.resume();
    }

    /**
     * Writes the last bytes, then half-closes and keeps reading (and discarding) for a moment before
     * closing: closing a socket with unread input makes the kernel send a reset, which can destroy the
     * answer before the client has read it (the "lingering close" of RFC 9112 §9.6).
     */
    void closeGracefully(ByteBuf last) {
        if (closing && !channel.isActive()) {
            if (last != null) {
                last.release();
            }
            return;
        }
        closing = true;
        decoder.stop();
        timer.stop();
        gate.readFreely();
        LingeringClose.after(ctx, last, context.options().lingerTimeout());
        watchOutput(); // a last response still going out is not cut by the linger time, only by the send rate
    }

    /** While output waits for the client, the minimum send rate applies (and no idle timer). */
    private void watchOutput() {
        if (meter.pending()) {
            timer.watchOutput(ctx.executor());
        }
    }

    @Override
    public long bytesSent() {
        return meter.bytesSent();
    }

    @Override
    public boolean pending() {
        return meter.pending();
    }

    /** Event loop: closes the connection now if idle, else after its current exchange. */
    public void drain() {
        if (exchange == null && !drainingBody) {
            closeGracefully(null);
        }
    }

    /** Timer expiry: log and close without an answer, like HTTP.sys. */
    @Override
    public void expired(String reason) {
        boolean receiveSideOnly = reason.equals(ConnectionTimer.IDLE) || reason.equals(ConnectionTimer.HEADER_WAIT)
                || reason.equals(ConnectionTimer.DRAIN_ENTITY_BODY);
        if (timedOut != null || !channel.isActive() || (receiveSideOnly && (closing || exchange != null))) {
            return;
        }
        log.timedOut(reason);
        if (reason.equals(ConnectionTimer.MIN_BYTES_PER_SECOND)) {
            // A reset: a graceful close would leave the kernel sending its queue to the slow client for minutes.
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
        }
        timedOut = reason;
        closing = true;
        decoder.stop();
        channel.close();
    }

    @Override
    public void suspendBodyReading() {
        channel.eventLoop().execute(() -> {
            if (!closing) {
                // the application is the slow side now: the body timer does not run
                timer.stop();
                gate.suspend(TrafficGate.BODY);
            }
        });
    }

    @Override
    public void resumeBodyReading() {
        channel.eventLoop().execute(() -> {
            Exchange ex = exchange;
            if (!closing && ex != null && !ex.bodyComplete) {
                timer.bodyStarted(ctx.executor());
            }
            gate.resume(TrafficGate.BODY);
        });
    }

    /**
     * Runtime thread: blocks while the client does not read fast enough. The wait has no limit of its own:
     * the minimum send rate, watched on the event loop since the socket became unwritable, closes a client
     * that reads too slowly, and the close wakes this thread.
     */
    void awaitWritable(Exchange ex) {
        gate.awaitWritable(UNTIL_CLOSED);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!channel.isWritable()) {
            timer.watchOutput(ctx.executor());
        }
        gate.signalWritability();
        boolean writable = channel.isWritable();
        if (writable == stalled) {
            stalled = !writable;
            if (stalled) {
                context.bufferBudget().stalled();
            } else {
                context.bufferBudget().released();
            }
        }
        if (writable && gate.suspended(TrafficGate.SEND)) {
            gate.resume(TrafficGate.SEND);
            // Netty reports writability from inside its flush: the next request starts after it.
            ctx.executor().execute(() -> {
                if (!closing && exchange == null && !drainingBody) {
                    nextRequest();
                }
            });
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        timer.cancel();
        closing = true;
        Exchange ex = exchange;
        if (ex != null) {
            exchange = null;
            releaseReadAhead(ex);
            ex.response.detachAll();
            logAccess(ex, cutStatus());
            if (timedOut == null) {
                log.error(Rejection.dropped(
                        "client closed the connection during the exchange"), ex.parsed, ex.head.siteId());
            }
            ended(ex);
            ex.failBody(new IOException(timedOut != null ? "the connection was closed by " + timedOut
                    : "the client closed the connection"));
        }
        gate.signalWritability();
        if (stalled) {
            stalled = false;
            context.bufferBudget().released();
        }
        if (counted) {
            counted = false;
            context.closed(endpoint);
        }
        ctx.fireChannelInactive();
    }

    /** An exchange that was in flight is over, however it ended. */
    private void ended(Exchange ex) {
        context.inFlightCounter().decrementAndGet();
        ex.ended();
    }

    private void releaseReadAhead(Exchange ex) {
        context.releaseReadAhead(ex.readAheadBytes);
        ex.readAheadBytes = 0;
        ex.readingAhead = null;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.failed(cause);
        closing = true;
        channel.close();
    }
}
