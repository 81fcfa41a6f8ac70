package io.lido.listener.connection;

import io.lido.ipc.RequestDispatcher;
import io.lido.ipc.RequestHead;
import io.lido.listener.codec.BodyEnd;
import io.lido.listener.codec.HostSyntax;
import io.lido.listener.codec.ParsedHead;
import io.lido.listener.codec.Rejection;
import io.lido.listener.codec.RequestDecoder;
import io.lido.listener.log.AccessRecord;
import io.lido.listener.log.ListenerError;
import io.lido.listener.routing.ApplicationRoute;
import io.lido.listener.routing.Endpoint;
import io.lido.listener.routing.RequestLimits;
import io.lido.listener.routing.RequestTarget;
import io.lido.listener.routing.SiteRoute;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * One client connection: routes each decoded request to its site and application, applies the
 * application's request limits, dispatches it, and completes it when the runtime ends the response.
 * One exchange at a time: the decoder stays paused until the response is complete, then the next
 * pipelined request is decoded. Errors the listener answers itself go out with Connection: close
 * and to the error log.
 *
 * <p>Event-loop confined, except {@link #complete}, {@link #abort}, {@link #awaitWritable} and the body
 * flow control, which the runtime thread calls and which hop to the event loop.
 */
public final class Http1Connection extends ChannelInboundHandlerAdapter implements BodyQueue.FlowControl {
    private static final Logger LOG = LoggerFactory.getLogger(Http1Connection.class);
    private static final int SUSPENDED_BY_BODY = 1;
    private static final int SUSPENDED_BY_PIPELINE = 2;
    private static final int MAX_PIPELINED_BYTES = 64 * 1024;
    /** Unread body bytes drained after a response before giving up on the connection (HTTP.sys drains too). */
    private static final long MAX_DRAINED_BYTES = 1024 * 1024;
    /** sc-win32-status of an exchange whose client went away: ERROR_NETNAME_DELETED, as IIS logs it. */
    private static final int WIN32_NETNAME_DELETED = 64;
    private static final ByteBuf CONTINUE = Unpooled.unreleasableBuffer(Unpooled.copiedBuffer(
            "HTTP/1.1 100 Continue\r\n\r\n", java.nio.charset.StandardCharsets.US_ASCII)).asReadOnly();

    private final ListenerContext context;
    private final Endpoint endpoint;
    private final RequestDecoder decoder;
    private final Object writability = new Object();
    private final ConnectionTimer timer;
    private ChannelHandlerContext ctx;
    private Channel channel;
    private Exchange exchange;
    private boolean drainingBody;
    private long drainedBytes;
    private volatile boolean closing;
    private int readSuspension;
    private boolean counted;
    private String remoteIp = "-";
    private int remotePort;
    private String localIp = "-";
    private int localPort;

    public Http1Connection(ListenerContext context, Endpoint endpoint, RequestDecoder decoder) {
        this.context = context;
        this.endpoint = endpoint;
        this.decoder = decoder;
        this.timer = new ConnectionTimer(this, context.connectionTimeout(endpoint),
                context.options().headerWaitTimeout());
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
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (channel.remoteAddress() instanceof InetSocketAddress remote) {
            remoteIp = remote.getAddress().getHostAddress();
            remotePort = remote.getPort();
        }
        if (channel.localAddress() instanceof InetSocketAddress local) {
            localIp = local.getAddress().getHostAddress();
            localPort = local.getPort();
        }
        context.connections().add(channel);
        counted = true;
        if (!context.tryOpen(endpoint)) {
            reject(new Rejection(503, "ConnLimit", "Service Unavailable", "connection limit of " + endpoint
                    + " reached"), null, 0);
            return;
        }
        timer.idle(ctx.executor());
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
        if (exchange != null || closing || drainingBody) {
            return;
        }
        if (decoder.hasPartialHead()) {
            timer.headerWait(ctx.executor());
        }
        if (decoder.paused() && decoder.bufferedBytes() > MAX_PIPELINED_BYTES) {
            suspend(SUSPENDED_BY_PIPELINE);
        }
    }

    private void onHead(ParsedHead head) {
        timer.stop();
        RequestTarget target;
        try {
            target = RequestTarget.parse(head.target());
        } catch (Rejection.RejectedException e) {
            reject(e.rejection(), head, 0);
            return;
        }
        if (target.asterisk()) {
            if (head.method().equals("OPTIONS")) {
                answerOptionsAsterisk(head);
            } else {
                reject(Rejection.invalidUrl("asterisk-form target with method " + head.method()), head, 0);
            }
            return;
        }
        String hostValue = target.authority() != null ? target.authority() : head.host();
        String hostName = hostValue == null || hostValue.isEmpty() ? "" : HostSyntax.hostName(hostValue);
        if (target.authority() != null) {
            head.headers().set("Host", target.authority());
        }
        SiteRoute site = endpoint.route(localIp, hostName);
        if (site == null) {
            reject(Rejection.invalidHostname("no binding of " + endpoint + " matches host '" + hostName + "'"),
                    head, 0);
            return;
        }
        long siteId = site.site().id();
        timer.siteTimeout(site.site().limits().connectionTimeout());
        ApplicationRoute app = site.application(target.path());
        if (app == null) {
            reject(new Rejection(404, "URL", "Not Found", "site has no application for " + target.path()), head,
                    siteId);
            return;
        }
        Rejection limitError = checkLimits(head, target, app);
        if (limitError != null) {
            reject(limitError, head, siteId);
            return;
        }
        dispatch(head, target, app);
    }

    private Rejection checkLimits(ParsedHead head, RequestTarget target, ApplicationRoute app) {
        RequestLimits limits;
        try {
            limits = app.limits();
        } catch (RuntimeException e) {
            LOG.error("cannot read the request limits of application {}", app, e);
            return new Rejection(500, "Config", "Internal Server Error - Configuration", e.getMessage());
        }
        if (target.rawPath().length() > limits.maxUrl()) {
            return Rejection.urlTooLong("path of " + target.rawPath().length() + " bytes over maxUrl "
                    + limits.maxUrl());
        }
        if (target.query().length() > limits.maxQueryString()) {
            return new Rejection(414, "QueryString", "Request URL Too Long", "query string of "
                    + target.query().length() + " bytes over maxQueryString " + limits.maxQueryString());
        }
        if (head.contentLength() > limits.maxAllowedContentLength()) {
            return Rejection.contentTooLarge("Content-Length " + head.contentLength()
                    + " over maxAllowedContentLength " + limits.maxAllowedContentLength());
        }
        if (head.expectation() == ParsedHead.Expectation.UNKNOWN) {
            return Rejection.expectationFailed("unsupported expectation '" + head.headers().get("Expect") + "'");
        }
        decoder.bodyLimit(limits.maxAllowedContentLength());
        return null;
    }

    private void dispatch(ParsedHead parsed, RequestTarget target, ApplicationRoute app) {
        RequestHead head = new RequestHead(context.nextRequestId(), parsed.method(), parsed.target(), target.path(),
                target.query(), parsed.minorVersion(), parsed.headers(), remoteIp, remotePort, localIp, localPort,
                false, app.site().id(), app.site().name(), app.application().path(), parsed.contentLength());
        Exchange ex = new Exchange(head, parsed, this);
        exchange = ex;
        context.inFlightCounter().incrementAndGet();
        if (parsed.expectation() == ParsedHead.Expectation.CONTINUE && parsed.hasBody()) {
            ctx.writeAndFlush(CONTINUE.duplicate());
        }
        try {
            RequestDispatcher dispatcher = context.resolver().dispatcher(app.site(), app.application());
            dispatcher.dispatch(head, ex.requestBody(), ex.response);
        } catch (RuntimeException e) {
            LOG.error("dispatching request {} {} to {} failed", parsed.method(), target.path(), app, e);
            if (exchange == ex) {
                failExchange(ex, new Rejection(500, "Dispatch", "Internal Server Error",
                        "dispatcher failed: " + e));
            }
        }
    }

    private void onBody(ByteBuf content) {
        Exchange ex = exchange;
        if (ex == null) {
            drainedBytes += content.readableBytes();
            content.release();
            if (drainingBody && drainedBytes > MAX_DRAINED_BYTES) {
                drainingBody = false;
                closeGracefully(null);
            }
            return;
        }
        ex.bytesReceived += content.readableBytes();
        ex.offerBody(content);
    }

    private void onBodyEnd() {
        Exchange ex = exchange;
        if (ex != null) {
            ex.bodyComplete = true;
            ex.finishBody();
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
            logError(rejection, null, 0);
            closeGracefully(null);
        } else {
            reject(rejection, null, 0);
        }
    }

    /** The body of an in-flight exchange went wrong, or its dispatch failed. */
    private void failExchange(Exchange ex, Rejection rejection) {
        exchange = null;
        context.inFlightCounter().decrementAndGet();
        // Detach before failing the body: the runtime thread reacts to the failure by aborting.
        boolean unanswered = ex.response.detach();
        ex.failBody(new IOException(rejection.detail()));
        if (unanswered) {
            reject(rejection, ex.parsed, ex.head.siteId());
        } else {
            logError(rejection, ex.parsed, ex.head.siteId());
            closing = true;
            decoder.stop();
            channel.close();
        }
    }

    private void answerOptionsAsterisk(ParsedHead head) {
        ByteBuf buf = ctx.alloc().buffer(128);
        ResponseEncoder.statusLine(buf, 200, null);
        io.lido.ipc.HeaderList fields = new io.lido.ipc.HeaderList(2)
                .add("Allow", "OPTIONS, GET, HEAD, POST").add("Content-Length", "0");
        boolean close = !head.keepAlive() || closing();
        ResponseEncoder.fields(buf, fields, false, false, close, !close && head.minorVersion() == 0);
        if (close) {
            closeGracefully(buf);
        } else {
            ctx.writeAndFlush(buf);
            drainingBody = head.hasBody();
            if (!drainingBody) {
                nextRequest();
            }
        }
    }

    /** Answers an error the listener found itself, logs it, and closes the connection. */
    private void reject(Rejection rejection, ParsedHead head, long siteId) {
        logError(rejection, head, siteId);
        boolean headOnly = head != null && head.method().equals("HEAD");
        closeGracefully(ErrorResponse.encode(ctx.alloc(), rejection.status(), rejection.title(), headOnly));
    }

    private void logError(Rejection rejection, ParsedHead head, long siteId) {
        LOG.debug("{} {} from {}:{}: {}", rejection.status(), rejection.reason(), remoteIp, remotePort,
                rejection.detail());
        context.errorLog().record(new ListenerError(Instant.now(), remoteIp, remotePort, localIp, localPort,
                head == null ? "-" : head.protocol(), head == null ? "-" : head.method(),
                head == null ? "-" : head.target(), rejection.status(), siteId,
                rejection.reason() + " " + rejection.detail(), "-"));
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
        context.inFlightCounter().decrementAndGet();
        accessLog(ex, 0);
        if (close || closing()) {
            closeGracefully(last);
            return;
        }
        if (last != null) {
            ctx.writeAndFlush(last, ctx.voidPromise());
        } else {
            ctx.flush();
        }
        if (!ex.bodyComplete) {
            ex.discardBody();
            drainingBody = true;
            drainedBytes = 0;
            return;
        }
        nextRequest();
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
        context.inFlightCounter().decrementAndGet();
        ex.discardBody();
        accessLog(ex, WIN32_NETNAME_DELETED);
        logError(new Rejection(0, "Connection_Abandoned", "-", "response aborted: " + reason), ex.parsed,
                ex.head.siteId());
        closing = true;
        decoder.stop();
        channel.close();
    }

    private void nextRequest() {
        timer.idle(ctx.executor());
        resume(SUSPENDED_BY_PIPELINE);
        decoder.resume();
    }

    private void accessLog(Exchange ex, int win32Status) {
        RequestHead h = ex.head;
        String query = h.query().isEmpty() ? null : h.query();
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - ex.startNanos);
        context.accessLog().record(h.siteId(), new AccessRecord(Instant.now(), localIp, h.method(), h.path(), query,
                localPort, ex.user, remoteIp, h.headers().get("User-Agent"), h.headers().get("Referer"), ex.status,
                ex.subStatus, win32Status, ex.bytesSent, ex.bytesReceived, took, h.headers().get("Host"),
                ex.parsed.protocol()));
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
        readSuspension = 0;
        channel.config().setAutoRead(true);
        ChannelFuture written = ctx.writeAndFlush(last != null ? last : Unpooled.EMPTY_BUFFER);
        written.addListener(f -> {
            if (channel instanceof DuplexChannel duplex && channel.isActive() && f.isSuccess()) {
                duplex.shutdownOutput();
                ctx.executor().schedule(() -> {
                    channel.close();
                }, context.options().lingerTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } else {
                channel.close();
            }
        });
    }

    /** Event loop: closes the connection now if idle, else after its current exchange. */
    public void drain() {
        if (exchange == null && !drainingBody) {
            closeGracefully(null);
        }
    }

    /** Timer expiry (Timer_ConnectionIdle, Timer_HeaderWait): log and close without an answer. */
    void expired(String reason) {
        if (exchange != null || closing) {
            return;
        }
        context.errorLog().record(new ListenerError(Instant.now(), remoteIp, remotePort, localIp, localPort, "-",
                "-", "-", 0, 0, reason, "-"));
        closing = true;
        decoder.stop();
        channel.close();
    }

    @Override
    public void suspendBodyReading() {
        channel.eventLoop().execute(() -> suspend(SUSPENDED_BY_BODY));
    }

    @Override
    public void resumeBodyReading() {
        channel.eventLoop().execute(() -> resume(SUSPENDED_BY_BODY));
    }

    private void suspend(int reason) {
        if (closing) {
            return;
        }
        readSuspension |= reason;
        channel.config().setAutoRead(false);
    }

    private void resume(int reason) {
        if ((readSuspension & reason) == 0) {
            return;
        }
        readSuspension &= ~reason;
        if (readSuspension == 0) {
            channel.config().setAutoRead(true);
        }
    }

    /** Runtime thread: blocks while the socket's outbound buffer is above its high-water mark. */
    void awaitWritable() {
        synchronized (writability) {
            while (channel.isActive() && !channel.isWritable()) {
                try {
                    writability.wait(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the client to read", e);
                }
            }
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        synchronized (writability) {
            writability.notifyAll();
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
            context.inFlightCounter().decrementAndGet();
            ex.failBody(new IOException("the client closed the connection"));
            ex.response.detach();
            accessLog(ex, WIN32_NETNAME_DELETED);
            logError(new Rejection(0, "Connection_Dropped", "-", "client closed the connection during the exchange"),
                    ex.parsed, ex.head.siteId());
        }
        synchronized (writability) {
            writability.notifyAll();
        }
        if (counted) {
            counted = false;
            context.closed(endpoint);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("connection {}:{} failed: {}", remoteIp, remotePort, cause.toString());
        } else {
            LOG.warn("connection {}:{} failed", remoteIp, remotePort, cause);
        }
        closing = true;
        channel.close();
    }
}
