package io.lido.runtime.testing;

import io.lido.ipc.HeaderList;
import io.lido.ipc.ResponseChannel;
import io.lido.ipc.ResponseHead;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ResponseChannel} that records every call, checks the call order contract (one head, body
 * parts, then exactly one end or abort) and lets a test wait for the end.
 */
public final class CapturedResponse implements ResponseChannel {
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final CountDownLatch done = new CountDownLatch(1);
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private volatile ResponseHead head;
    private volatile String abortReason;
    private volatile boolean ended;

    @Override
    public synchronized void sendHead(ResponseHead responseHead) {
        if (head != null || done.getCount() == 0) {
            violations.add("sendHead after head or end");
        }
        head = responseHead;
        calls.add("head");
    }

    @Override
    public synchronized void sendBody(byte[] data, int offset, int length) {
        if (head == null || done.getCount() == 0) {
            violations.add("sendBody before head or after end");
        }
        body.write(data, offset, length);
        calls.add("body:" + length);
    }

    @Override
    public synchronized void sendFile(Path file, long offset, long length) {
        if (head == null) {
            violations.add("sendFile before head");
        }
        try {
            byte[] all = Files.readAllBytes(file);
            body.write(all, (int) offset, (int) length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        calls.add("file:" + length);
    }

    @Override
    public synchronized void end() {
        if (head == null || done.getCount() == 0) {
            violations.add("end without head or twice");
        }
        ended = true;
        calls.add("end");
        done.countDown();
    }

    @Override
    public synchronized void abort(String reason) {
        if (done.getCount() == 0) {
            violations.add("abort after end");
        }
        abortReason = reason;
        calls.add("abort");
        done.countDown();
    }

    /** What the runtime reported through {@link #outOfMemory}, or null. */
    public volatile OutOfMemoryError outOfMemory;

    @Override
    public void outOfMemory(OutOfMemoryError error) {
        outOfMemory = error;
    }

    @Override
    public boolean isClientConnected() {
        return done.getCount() > 0;
    }

    /** Waits for end or abort and checks the call-order contract. */
    public CapturedResponse await() {
        try {
            if (!done.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the response did not end within 10 s; calls: " + calls);
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        if (!violations.isEmpty()) {
            throw new AssertionError("ResponseChannel contract violated: " + violations + "; calls " + calls);
        }
        return this;
    }

    public boolean awaitQuietly(Duration timeout) throws InterruptedException {
        return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public int status() {
        return head.status();
    }

    public int subStatus() {
        return head.subStatus();
    }

    public HeaderList headers() {
        return head.headers();
    }

    public String header(String name) {
        return head.headers().get(name);
    }

    public synchronized String body() {
        return body.toString(StandardCharsets.UTF_8);
    }

    public synchronized int bodyLength() {
        return body.size();
    }

    public List<String> calls() {
        return List.copyOf(calls);
    }

    public boolean ended() {
        return ended;
    }

    public String abortReason() {
        return abortReason;
    }
}
