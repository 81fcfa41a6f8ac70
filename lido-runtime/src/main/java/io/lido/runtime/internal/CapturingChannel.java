package io.lido.runtime.internal;

import io.lido.ipc.HeaderList;
import io.lido.ipc.ResponseChannel;
import io.lido.ipc.ResponseHead;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A {@link ResponseChannel} that keeps a child request's response in memory (up to a limit), for
 * ExecuteURL error pages.
 */
final class CapturingChannel implements ResponseChannel {
    /** Error pages are small; a larger one is cut off rather than held in memory. */
    static final int LIMIT = 1024 * 1024;

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private ResponseHead head;
    private boolean ended;

    int status() {
        return head == null ? 500 : head.status();
    }

    String header(String name) {
        HeaderList headers = head == null ? null : head.headers();
        return headers == null ? null : headers.get(name);
    }

    byte[] body() {
        return body.toByteArray();
    }

    @Override
    public void sendHead(ResponseHead responseHead) {
        head = responseHead;
    }

    @Override
    public void sendBody(byte[] data, int offset, int length) {
        body.write(data, offset, Math.min(length, LIMIT - body.size()));
    }

    @Override
    public void sendFile(Path file, long offset, long length) {
        int n = (int) Math.min(length, LIMIT - body.size());
        ByteBuffer buffer = ByteBuffer.allocate(n);
        try (FileChannel channel = FileChannel.open(file)) {
            while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) >= 0) {
                // read until the region is in
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " for an ExecuteURL error page", e);
        }
        body.write(buffer.array(), 0, buffer.position());
    }

    @Override
    public void end() {
        ended = true;
    }

    @Override
    public void abort(String reason) {
        ended = true;
        head = new ResponseHead(500, 0, null, new HeaderList(), null);
    }

    @Override
    public boolean isClientConnected() {
        return !ended;
    }
}
