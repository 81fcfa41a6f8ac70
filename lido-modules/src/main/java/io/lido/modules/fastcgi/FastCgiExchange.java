package io.lido.modules.fastcgi;

import io.lido.api.HttpException;
import io.lido.api.HttpResponse;
import io.lido.runtime.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static io.lido.modules.fastcgi.FastCgiRecords.END_REQUEST;
import static io.lido.modules.fastcgi.FastCgiRecords.REQUEST_COMPLETE;
import static io.lido.modules.fastcgi.FastCgiRecords.STDERR;
import static io.lido.modules.fastcgi.FastCgiRecords.STDOUT;

/**
 * One request on one FastCGI process: BEGIN_REQUEST (keep the connection), the CGI variables as PARAMS, the body as
 * STDIN, then STDOUT into the response as it arrives (the header block first, then the body, flushed whenever the
 * process has nothing more to send right now, so that a script's {@code flush()} reaches the client) and STDERR
 * per stderrMode, until END_REQUEST. A body longer than what fits in one go is sent from a virtual thread of its own
 * while the response is read: a script may answer before it reads its input, and a single thread would then wait on
 * a full socket in both directions.
 */
final class FastCgiExchange {
    private static final Logger LOG = LoggerFactory.getLogger(FastCgiExchange.class);
    private static final int REQUEST_ID = 1;
    /** A body up to this size is sent with the request's first write. */
    private static final int INLINE_BODY = 64 * 1024;
    /** STDERR text kept for the response and the log. */
    private static final int MAX_STDERR = 64 * 1024;

    private final RequestContext context;
    private final FastCgiProcess process;
    private final FastCgiSettings settings;
    private final Clock clock;
    private final StringBuilder stderr = new StringBuilder();
    private boolean connected;
    private boolean responseStarted;
    private boolean clientFailed;
    private volatile IOException bodyFailure;
    private boolean reusable;

    FastCgiExchange(RequestContext context, FastCgiProcess process, FastCgiSettings settings, Clock clock) {
        this.context = context;
        this.process = process;
        this.settings = settings;
        this.clock = clock;
    }

    /** Whether the process can serve another request on this connection (the exchange ended cleanly). */
    boolean reusable() {
        return reusable;
    }

    /**
     * Whether another process may be tried after a failure: nothing reached this one (it could not be connected to),
     * or it answered nothing to a request without body whose method is safe (RFC 9110 §9.2.1), such as a process that
     * died while idle a moment before.
     */
    boolean retryable() {
        if (!connected) {
            return true;
        }
        String method = context.request().method();
        return !responseStarted && !clientFailed && bodyFailure == null && process.killedBecause() == null
                && (method.equals("GET") || method.equals("HEAD")) && !context.head().hasBody();
    }

    /**
     * Runs the exchange.
     *
     * @throws IOException when the connection or the process failed (the caller answers 502 or retries)
     * @throws HttpException for what the response must say otherwise (a stderr 500, a body too large)
     */
    void run(Path script, RequestBodySource body) throws IOException {
        process.connect();
        connected = true;
        Map<String, String> params = CgiVariables.of(context, script, body.length());
        FastCgiWriter writer = process.writer();
        writer.beginRequest(REQUEST_ID, true);
        writer.params(REQUEST_ID, params);
        Thread pump = null;
        if (body.length() <= INLINE_BODY) {
            byte[] bytes = body.readAll();
            writer.stdin(REQUEST_ID, bytes, 0, bytes.length);
            writer.endStdin(REQUEST_ID);
            writer.flush();
        } else {
            writer.flush();
            pump = Thread.ofVirtual().name("fastcgi-stdin-" + process.pid()).start(() -> pump(writer, body.stream()));
        }
        boolean done = false;
        try {
            readResponse();
            done = true;
        } finally {
            if (pump != null) {
                if (!done) {
                    process.disconnect();
                }
                joinPump(pump);
            }
        }
        IOException failedBody = bodyFailure;
        if (failedBody != null) {
            clientFailed = true;
            throw new HttpException(400, 0, "the request body could not be read: " + failedBody.getMessage(), failedBody);
        }
        reusable = true;
        handleStderr();
    }

    private void pump(FastCgiWriter writer, InputStream in) {
        byte[] chunk = new byte[32 * 1024];
        try {
            int n;
            while (true) {
                try {
                    n = in.read(chunk);
                } catch (IOException | UncheckedIOException e) {
                    bodyFailure = e instanceof IOException io ? io : ((UncheckedIOException) e).getCause();
                    process.disconnect();
                    return;
                }
                if (n < 0) {
                    break;
                }
                writer.stdin(REQUEST_ID, chunk, 0, n);
                writer.flush();
                process.touch(clock.millis());
            }
            writer.endStdin(REQUEST_ID);
            writer.flush();
        } catch (IOException e) {
            // The process closed its side (it died, or answered and hung up): the reader reports it.
            LOG.debug("{}: sending the request body failed: {}", process, e.toString());
        }
    }

    private static void joinPump(Thread pump) {
        try {
            pump.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readResponse() throws IOException {
        FastCgiReader reader = process.reader();
        CgiResponseHead head = new CgiResponseHead();
        boolean headDone = false;
        HttpResponse response = context.response();
        OutputStream out = response.outputStream();
        while (true) {
            if (!reader.next()) {
                throw new EOFException("the FastCGI process closed the connection before the end of the response");
            }
            process.touch(clock.millis());
            if (reader.requestId() != REQUEST_ID) {
                if (reader.requestId() == 0) {
                    continue; // a management record (UNKNOWN_TYPE, GET_VALUES_RESULT) nobody asked for
                }
                throw new FastCgiProtocolException("a " + FastCgiRecords.typeName(reader.type())
                        + " record for request " + reader.requestId() + " (Lido sent request " + REQUEST_ID + ")");
            }
            switch (reader.type()) {
                case STDOUT -> {
                    if (reader.length() == 0) {
                        continue; // the end of the STDOUT stream; END_REQUEST follows
                    }
                    responseStarted = true;
                    if (!headDone) {
                        if (!head.feed(reader.content(), 0, reader.length())) {
                            continue;
                        }
                        headDone = true;
                        head.applyTo(response);
                        byte[] first = head.leftover();
                        write(out, first, 0, first.length);
                    } else {
                        write(out, reader.content(), 0, reader.length());
                    }
                    if (!process.inputPending()) {
                        flush(response);
                    }
                }
                case STDERR -> {
                    responseStarted = true;
                    int room = MAX_STDERR - stderr.length();
                    if (room > 0) {
                        stderr.append(new String(reader.content(), 0, Math.min(room, reader.length()),
                                StandardCharsets.UTF_8));
                    }
                }
                case END_REQUEST -> {
                    if (reader.protocolStatus() != REQUEST_COMPLETE) {
                        throw new FastCgiProtocolException("the FastCGI process refused the request: "
                                + FastCgiRecords.protocolStatusName(reader.protocolStatus()));
                    }
                    if (!headDone && stderr.isEmpty()) {
                        throw new FastCgiProtocolException("the FastCGI process ended the request without a"
                                + " complete response header block");
                    }
                    return;
                }
                default -> throw new FastCgiProtocolException("an unexpected " + FastCgiRecords.typeName(reader.type())
                        + " record");
            }
        }
    }

    private void write(OutputStream out, byte[] data, int offset, int length) {
        try {
            out.write(data, offset, length);
        } catch (IOException | RuntimeException e) {
            clientFailed = true;
            throw e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
        }
    }

    private void flush(HttpResponse response) {
        try {
            response.flush();
        } catch (RuntimeException e) {
            clientFailed = true;
            throw e;
        }
    }

    /** What STDERR text does to the response (stderrMode); it is logged in every mode. */
    private void handleStderr() {
        if (stderr.isEmpty()) {
            return;
        }
        String text = stderr.toString();
        LOG.warn("{} {}: {} wrote to STDERR: {}", context.request().method(), context.request().path(),
                settings.fullPath(), text.strip());
        HttpResponse response = context.response();
        switch (settings.stderrMode()) {
            case IGNORE_AND_RETURN_200 -> {
            }
            case RETURN_STDERR_IN_500 -> {
                if (!response.isCommitted()) {
                    response.clear();
                    response.status(500);
                    response.contentType("text/plain; charset=utf-8");
                    response.write(text);
                }
            }
            case RETURN_GENERIC_500 -> throw new HttpException(500, 0, settings.fullPath() + " wrote to STDERR");
            case TERMINATE_PROCESS -> {
                reusable = false;
                process.kill("it wrote to STDERR (stderrMode TerminateProcess)");
                throw new HttpException(500, 0, settings.fullPath() + " wrote to STDERR; its process was terminated");
            }
        }
    }
}
