package io.lido.listener.connection;

import io.lido.ipc.RequestHead;
import io.lido.listener.codec.ParsedHead;

/**
 * One request and its response on a connection. The runtime-thread side (status, bytes sent) is
 * written by {@link Http1ResponseChannel} before it hands the completion to the event loop, which
 * then reads it for the access log.
 */
final class Exchange {
    final RequestHead head;
    final ParsedHead parsed;
    final BodyQueue body;
    final Http1ResponseChannel response;
    final long startNanos;
    long bytesReceived;
    boolean bodyComplete;

    // written by the response channel (runtime thread), read on the event loop after completion
    int status;
    int subStatus;
    String user;
    long bytesSent;

    Exchange(RequestHead head, ParsedHead parsed, Http1Connection connection) {
        this.head = head;
        this.parsed = parsed;
        this.body = new BodyQueue(connection);
        this.response = new Http1ResponseChannel(connection, this);
        this.startNanos = System.nanoTime();
        this.bytesReceived = parsed.headLength();
    }

    boolean isHead() {
        return "HEAD".equals(head.method());
    }
}
