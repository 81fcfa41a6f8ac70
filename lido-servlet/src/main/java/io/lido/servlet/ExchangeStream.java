package io.lido.servlet;

import io.lido.api.HttpResponse;
import io.lido.runtime.RequestContext;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One request's exchange between Jetty's servlet layer and Lido's, as Jetty's HttpStream (what its HTTP/1.1,
 * HTTP/2 and FastCGI connections implement): Jetty pulls the request body from Lido's body stream and pushes the
 * response into Lido's {@link HttpResponse}.
 *
 * <p>Reading: Jetty calls {@link #read()} (never blocking) and, when it gets nothing, {@link #demand()}; a demand
 * starts one virtual thread that blocks on Lido's body for the next chunk (at most {@value #READ_SIZE} bytes) and
 * then tells the channel content is available. One read is outstanding at a time, so the listener's back-pressure
 * holds: a servlet that does not read leaves the rest of the body in the client's socket.
 *
 * <p>Writing: {@link #send} runs on the caller's thread (the servlet's, or Jetty's for async writes) and returns when
 * Lido's response took the bytes: a slow client blocks the writer, as Jetty's own connections do. A send that is not
 * the last flushes Lido's response buffer into its channel; the last one leaves the end to Lido's pipeline, which
 * sends a small response in one piece with its Content-Length. (Lido's response channels gather up to 16 KB before
 * they write to the socket, and have no flush of their own yet: a servlet's flush of fewer bytes reaches the client
 * with the next 16 KB or the end.)
 */
final class ExchangeStream implements HttpStream {
    /** The request attribute that carries Lido's request id (the listener's, as in the logs). */
    static final String REQUEST_ID_ATTRIBUTE = "io.lido.requestId";
    private static final int READ_SIZE = 16 * 1024;

    private final RequestContext context;
    private final HttpChannel channel;
    private final CompletableFuture<Void> completion = new CompletableFuture<>();
    private final Object lock = new Object();
    private Content.Chunk chunk;
    private boolean filling;
    private volatile boolean committed;
    private volatile long idleTimeout;

    ExchangeStream(RequestContext context, HttpChannel channel) {
        this.context = context;
        this.channel = channel;
        if (!context.head().hasBody()) {
            chunk = Content.Chunk.EOF;
        }
    }

    /** Runs the request through Jetty and returns once Jetty completed it (also when a servlet went async). */
    void execute(MetaData.Request request) throws IOException, InterruptedException {
        Runnable task = channel.onRequest(request);
        channel.getRequest().setAttribute(REQUEST_ID_ATTRIBUTE, context.head().id());
        LidoUserAuthenticator.attach(channel.getRequest(), context.user());
        task.run();
        try {
            completion.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io
                    : new IOException("the web application failed the request: " + cause, cause);
        }
    }

    @Override
    public String getId() {
        return Long.toString(context.head().id());
    }

    @Override
    public Content.Chunk read() {
        synchronized (lock) {
            Content.Chunk next = chunk;
            if (next != null) {
                // A last chunk (the end, or a failure) stays to answer every later read.
                chunk = Content.Chunk.next(next);
            }
            return next;
        }
    }

    @Override
    public void demand() {
        boolean available;
        synchronized (lock) {
            available = chunk != null;
            if (!available && !filling) {
                filling = true;
                Thread.ofVirtual().name("lido-servlet-read " + getId()).start(this::fill);
            }
        }
        if (available) {
            contentAvailable();
        }
    }

    private void fill() {
        Content.Chunk next;
        try {
            InputStream body = context.request().body();
            byte[] buffer = new byte[READ_SIZE];
            int n = body.read(buffer, 0, buffer.length);
            next = n < 0 ? Content.Chunk.EOF : Content.Chunk.from(ByteBuffer.wrap(buffer, 0, n), false);
        } catch (IOException | RuntimeException e) {
            next = Content.Chunk.from(e, true);
        }
        synchronized (lock) {
            chunk = next;
            filling = false;
        }
        contentAvailable();
    }

    private void contentAvailable() {
        Runnable task = channel.onContentAvailable();
        if (task != null) {
            task.run();
        }
    }

    @Override
    public void prepareResponse(HttpFields.Mutable headers) {
        // Lido's listener adds the connection's fields (Date, Connection, framing).
    }

    @Override
    public void send(MetaData.Request request, MetaData.Response response, boolean last, ByteBuffer content,
                     Callback callback) {
        try {
            if (response != null) {
                if (HttpStatus.isInterim(response.getStatus())) {
                    // 100 Continue and other interim answers: Lido's listener speaks for the connection.
                    callback.succeeded();
                    return;
                }
                commit(response);
            }
            HttpResponse out = context.response();
            if (content != null && content.hasRemaining()) {
                write(out, content);
            }
            if (!last) {
                out.flush();
            }
            callback.succeeded();
        } catch (Throwable x) {
            callback.failed(x);
        }
    }

    private void commit(MetaData.Response response) {
        HttpResponse out = context.response();
        out.status(response.getStatus());
        for (HttpField field : response.getHttpFields()) {
            HttpHeader header = field.getHeader();
            if (header == HttpHeader.CONNECTION || header == HttpHeader.KEEP_ALIVE
                    || header == HttpHeader.TRANSFER_ENCODING || header == HttpHeader.DATE) {
                continue;
            }
            if (header == HttpHeader.CONTENT_TYPE || header == HttpHeader.CONTENT_LENGTH) {
                out.header(field.getName(), field.getValue());
            } else {
                out.addHeader(field.getName(), field.getValue());
            }
        }
        committed = true;
    }

    private static void write(HttpResponse out, ByteBuffer content) {
        if (content.hasArray()) {
            out.write(content.array(), content.arrayOffset() + content.position(), content.remaining());
            content.position(content.limit());
            return;
        }
        byte[] copy = new byte[content.remaining()];
        content.get(copy);
        out.write(copy);
    }

    @Override
    public Runnable cancelSend(Throwable cause, Callback callback) {
        // Every send completes before it returns: there is never one pending to cancel.
        return () -> callback.failed(cause);
    }

    @Override
    public long getIdleTimeout() {
        return idleTimeout;
    }

    @Override
    public void setIdleTimeout(long idleTimeoutMs) {
        // Lido's listener times the connection out (connectionTimeout, minBytesPerSecond); kept for Jetty to read.
        this.idleTimeout = idleTimeoutMs;
    }

    @Override
    public boolean isCommitted() {
        return committed;
    }

    @Override
    public Throwable consumeAvailable() {
        // The body the application left unread is drained by Lido's listener (drainEntityBodyTimeout), which
        // keeps the connection when it can.
        return null;
    }

    @Override
    public void succeeded() {
        completion.complete(null);
    }

    @Override
    public void failed(Throwable x) {
        completion.completeExceptionally(x);
    }

    @Override
    public String toString() {
        return "ExchangeStream[" + getId() + "]";
    }
}
