package io.lido.listener.connection;

import io.lido.config.IpNetwork;
import io.lido.ipc.RequestHead;
import io.lido.listener.codec.ParsedHead;
import io.lido.listener.codec.Rejection;
import io.lido.listener.ipsecurity.Denial;
import io.lido.listener.log.AccessLog;
import io.lido.listener.log.AccessRecord;
import io.lido.listener.log.ErrorLog;
import io.lido.listener.log.ListenerError;
import io.lido.listener.routing.RequestTarget;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * One connection's addresses and its entries in the W3C access log (completed exchanges) and the
 * httperr log (what the listener answered or dropped itself). Event-loop only.
 */
final class ConnectionLog {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLog.class);

    private final AccessLog accessLog;
    private final ErrorLog errorLog;
    private String remoteIp = "-";
    private byte[] remoteAddress = new byte[4];
    private int remotePort;
    private String localIp = "-";
    private int localPort;

    ConnectionLog(AccessLog accessLog, ErrorLog errorLog) {
        this.accessLog = accessLog;
        this.errorLog = errorLog;
    }

    /** Reads the addresses once the connection is active. */
    void connected(Channel channel) {
        if (channel.remoteAddress() instanceof InetSocketAddress remote) {
            remoteIp = remote.getAddress().getHostAddress();
            remoteAddress = IpNetwork.bytesOf(remote.getAddress());
            remotePort = remote.getPort();
        }
        if (channel.localAddress() instanceof InetSocketAddress local) {
            localIp = local.getAddress().getHostAddress();
            localPort = local.getPort();
        }
    }

    String remoteIp() {
        return remoteIp;
    }

    /** The remote address as 4 (IPv4, IPv4-mapped IPv6 too) or 16 bytes; 0.0.0.0 when not an IP connection. */
    byte[] remoteAddress() {
        return remoteAddress;
    }

    int remotePort() {
        return remotePort;
    }

    String localIp() {
        return localIp;
    }

    int localPort() {
        return localPort;
    }

    /** An exchange ended (its last byte sent, or cut); {@code win32Status} is 0, 64 (client gone) or 1236 (cut by Lido). */
    void access(Exchange ex, int win32Status) {
        RequestHead h = ex.head;
        String query = h.query().isEmpty() ? null : h.query();
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - ex.startNanos);
        accessLog.record(h.siteId(), new AccessRecord(now(), localIp, h.method(), h.path(), query,
                localPort, ex.user, remoteIp, ex.parsed.userAgent(), ex.parsed.referer(), ex.status,
                ex.subStatus == 0 ? ex.loggedSubStatus : ex.subStatus, win32Status, ex.bytesWritten, ex.bytesReceived, took, ex.host,
                ex.parsed.protocol()));
    }

    /**
     * A request the IP restrictions denied, answered by the listener: logged in the W3C log like an exchange of
     * the site, since IIS's restriction modules answer it there. {@code bytesSent} 0 and {@code win32Status}
     * 1236 for AbortRequest (the client got no answer).
     */
    void denied(ParsedHead head, RequestTarget target, String host, long siteId, Denial denial, long bytesSent,
                int win32Status) {
        LOG.debug("{}.{} for {} {} from {}:{}: {}", denial.status(), denial.subStatus(), head.method(), target.path(),
                remoteIp, remotePort, denial.detail());
        accessLog.record(siteId, new AccessRecord(now(), localIp, head.method(), target.path(),
                target.query().isEmpty() ? null : target.query(), localPort, null, remoteIp, head.userAgent(),
                head.referer(), denial.status(), denial.subStatus(), win32Status, bytesSent, head.headLength(), 0,
                host, head.protocol()));
    }

    /** The listener answered a request itself (the 301 of hsts redirectHttpToHttps): logged as IIS logs it. */
    void answered(ParsedHead head, String path, String query, long siteId, int status, long bytesSent) {
        accessLog.record(siteId, new AccessRecord(now(), localIp, head.method(), path, query.isEmpty() ? null : query,
                localPort, null, remoteIp, head.userAgent(), head.referer(), status, 0, 0, bytesSent,
                head.headLength(), 0, head.host(), head.protocol()));
    }

    /** Millisecond precision is all the logs print, and currentTimeMillis is far cheaper than Instant.now(). */
    private static Instant now() {
        return Instant.ofEpochMilli(System.currentTimeMillis());
    }

    /** The listener refused a request ({@code head} null when it could not be parsed). */
    void error(Rejection rejection, ParsedHead head, long siteId) {
        LOG.debug("{} {} from {}:{}: {}", rejection.status(), rejection.reason(), remoteIp, remotePort,
                rejection.detail());
        errorLog.record(new ListenerError(now(), remoteIp, remotePort, localIp, localPort,
                head == null ? "-" : head.protocol(), head == null ? "-" : head.method(),
                head == null ? "-" : head.target(), rejection.status(), siteId,
                rejection.reason(), "-"));
    }

    /** A timer closed the connection without an answer (Timer_ConnectionIdle, Timer_HeaderWait). */
    void timedOut(String reason) {
        errorLog.record(new ListenerError(now(), remoteIp, remotePort, localIp, localPort, "-", "-", "-", 0, 0,
                reason, "-"));
    }

    /** The connection failed below HTTP (reset, broken pipe) or a handler threw. */
    void failed(Throwable cause) {
        if (cause instanceof io.netty.handler.codec.DecoderException && cause.getCause() != null) {
            // A TLS handshake that failed (a scanner, an old client, no certificate for its SNI name): the
            // client's doing, not a server fault worth a stack trace.
            LOG.debug("connection {}:{} failed in TLS: {}", remoteIp, remotePort, cause.getCause().toString());
        } else if (cause instanceof java.io.IOException || cause instanceof javax.net.ssl.SSLException) {
            LOG.debug("connection {}:{} failed: {}", remoteIp, remotePort, cause.toString());
        } else {
            LOG.warn("connection {}:{} failed", remoteIp, remotePort, cause);
        }
    }
}
