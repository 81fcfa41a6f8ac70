package io.lido.listener.connection;

import io.lido.ipc.RequestBody;
import io.lido.ipc.RequestDispatcher;
import io.lido.ipc.RequestHead;
import io.netty.buffer.ByteBuf;

import java.io.IOException;
import io.lido.listener.codec.ParsedHead;
import io.lido.listener.ipsecurity.Client;
import io.lido.listener.ipsecurity.ClientGate;

/**
 * One request and its response on a connection. The runtime-thread side (status, bytes sent) is
 * written by {@link Http1ResponseChannel} before it hands the completion to the event loop, which
 * then reads it for the access log.
 */
final class Exchange {
    final RequestHead head;
    final ParsedHead parsed;
    /** The Host the request was dispatched with (an absolute-form target's authority replaces the field), or null. */
    final String host;
    /** Null when the request has no body: most requests, so they skip the queue and its lock. */
    private final BodyQueue body;
    final Http1ResponseChannel response;
    final long startNanos;
    long bytesReceived;
    boolean bodyComplete;
    /** While the body is read ahead: the dispatcher the request goes to once enough of it arrived; else null. */
    RequestDispatcher readingAhead;
    /** Body bytes read ahead and counted in the listener's read-ahead budget. */
    long readAheadBytes;
    /** dynamicIpSecurity: the client whose concurrent requests this one counts in, until it ends; or null. */
    private Client client;
    /** dynamicIpSecurity in logging-only mode: the sub-status the request would have been denied with, or 0. */
    final int loggedSubStatus;
    /** The site's Strict-Transport-Security value when the request came over TLS, else null (set before dispatch). */
    String hsts;

    // written by the response channel (runtime thread), read on the event loop after completion
    int status;
    int subStatus;
    String user;
    long bytesSent;

    // event loop: what the socket has taken of bytesSent (progress of the writes), and whether it is logged
    long bytesWritten;
    boolean logged;

    Exchange(RequestHead head, ParsedHead parsed, String host, Http1Connection connection, ClientGate.Admitted admitted) {
        this.head = head;
        this.client = admitted.slot();
        this.loggedSubStatus = admitted.loggedSubStatus();
        this.parsed = parsed;
        this.host = host;
        this.body = parsed.hasBody() ? new BodyQueue(connection) : null;
        this.response = new Http1ResponseChannel(connection, this);
        this.startNanos = System.nanoTime();
        this.bytesReceived = parsed.headLength();
    }

    RequestBody requestBody() {
        return body != null ? body : RequestBody.EMPTY;
    }

    void offerBody(ByteBuf content) {
        if (body != null) {
            body.offer(content);
        } else {
            content.release();
        }
    }

    void finishBody() {
        if (body != null) {
            body.finish();
        }
    }

    void failBody(IOException cause) {
        if (body != null) {
            body.fail(cause);
        }
    }

    void discardBody() {
        if (body != null) {
            body.discard();
        }
    }

    /** The exchange ended (any way): it no longer counts as one of its client's concurrent requests. Once only. */
    void ended() {
        Client c = client;
        if (c != null) {
            client = null;
            c.leave();
        }
    }

    boolean isHead() {
        return "HEAD".equals(head.method());
    }
}
