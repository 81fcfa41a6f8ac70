package io.lido.worker;

import io.lido.ipc.ResponseChannel;
import io.lido.ipc.ResponseHead;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link ResponseChannel} that stands for the listener in tests: keeps small bodies, counts and
 * pattern-checks large ones (byte i is i % 251) without keeping them, and can play a client that
 * disconnects.
 */
final class RecordingResponse implements ResponseChannel {
    private static final int KEEP = 1 << 20;

    final CompletableFuture<String> done = new CompletableFuture<>();
    volatile ResponseHead head;
    volatile Path file;
    final AtomicLong bodyBytes = new AtomicLong();
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private volatile boolean connected = true;
    private volatile boolean patternBroken;
    private volatile long slowNanosPerChunk;
    private volatile long buffersUpTo;
    volatile String endThread;

    @Override
    public void sendHead(ResponseHead h) {
        head = h;
    }

    @Override
    public synchronized void sendBody(byte[] data, int offset, int length) {
        long start = bodyBytes.get();
        for (int i = 0; i < length; i++) {
            if (data[offset + i] != (byte) ((start + i) % 251)) {
                patternBroken = true;
                break;
            }
        }
        if (kept.size() < KEEP) {
            kept.write(data, offset, Math.min(length, KEEP - kept.size()));
        }
        bodyBytes.addAndGet(length);
        if (slowNanosPerChunk > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(slowNanosPerChunk);
        }
    }

    @Override
    public void sendFile(Path f, long offset, long length) {
        file = f;
        bodyBytes.addAndGet(length);
    }

    @Override
    public void end() {
        endThread = Thread.currentThread().getName();
        done.complete("end");
    }

    @Override
    public boolean canSendWithoutBlocking(long bytes) {
        return bytes < buffersUpTo;
    }

    /** Plays a transport that takes up to that many bytes without blocking (as the listener does). */
    void buffersUpTo(long bytes) {
        buffersUpTo = bytes;
    }

    @Override
    public void abort(String reason) {
        done.complete("abort: " + reason);
    }

    @Override
    public boolean isClientConnected() {
        return connected;
    }

    void disconnect() {
        connected = false;
    }

    void slowClient(long nanosPerChunk) {
        slowNanosPerChunk = nanosPerChunk;
    }

    boolean patternIntact() {
        return !patternBroken;
    }

    synchronized String text() {
        return kept.toString(StandardCharsets.UTF_8);
    }
}
