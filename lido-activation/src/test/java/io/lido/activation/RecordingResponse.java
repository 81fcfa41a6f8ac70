package io.lido.activation;

import io.lido.ipc.ResponseChannel;
import io.lido.ipc.ResponseHead;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A response channel that records what the pool wrote (only the pool's own answers; the fake link writes nothing). */
final class RecordingResponse implements ResponseChannel {
    ResponseHead head;
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    boolean ended;
    String aborted;
    volatile boolean clientConnected = true;

    @Override
    public void sendHead(ResponseHead head) {
        this.head = head;
    }

    @Override
    public void sendBody(byte[] data, int offset, int length) {
        body.write(data, offset, length);
    }

    @Override
    public void sendFile(Path file, long offset, long length) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void end() {
        ended = true;
    }

    @Override
    public void abort(String reason) {
        aborted = reason;
    }

    @Override
    public boolean isClientConnected() {
        return clientConnected;
    }

    /** The status the pool sent itself, or 0 when it sent nothing. */
    int status() {
        return head == null ? 0 : head.status();
    }

    String text() {
        return body.toString(StandardCharsets.UTF_8);
    }

    boolean untouched() {
        return head == null && aborted == null && !ended;
    }
}
