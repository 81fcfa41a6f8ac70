package io.lido.ipc.link;

import io.lido.ipc.frame.FrameType;
import io.lido.ipc.frame.Frames;
import io.lido.ipc.state.StateFrames;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * Writes the host's small frames to a worker connection from any thread. Each call is one pooled
 * buffer and one write-and-flush; the pipeline's flush consolidation merges bursts.
 */
final class LinkWriter {
    private volatile Channel channel;

    /** The connection is up. */
    void attach(Channel ch) {
        channel = ch;
    }

    /** Credit for response bytes the host has handed on. */
    void window(int stream, int increment) {
        ByteBuf out = buffer(Frames.HEADER_BYTES + 4);
        if (out != null) {
            Frames.withInt(out, FrameType.WINDOW, stream, increment);
            send(out);
        }
    }

    /** The client went away: the worker should stop the exchange. */
    void abort(int stream, String reason) {
        ByteBuf out = buffer(64);
        if (out != null) {
            Frames.withText(out, FrameType.ABORT, stream, reason);
            send(out);
        }
    }

    void requestBody(int stream, byte[] data, int offset, int length) {
        ByteBuf out = buffer(Frames.HEADER_BYTES + length);
        if (out != null) {
            Frames.body(out, FrameType.REQUEST_BODY, stream, data, offset, length);
            send(out);
        }
    }

    /** A frame without payload: REQUEST_END on a stream, DRAIN on stream 0. */
    void empty(FrameType type, int stream) {
        ByteBuf out = buffer(Frames.HEADER_BYTES);
        if (out != null) {
            Frames.empty(out, type, stream);
            send(out);
        }
    }

    /** A StateServer answer (any thread: grants complete wherever the lock was freed). */
    void stateReply(StateFrames.Reply reply) {
        int size = reply instanceof StateFrames.Granted granted ? 128 + granted.grant().items().length : 128;
        ByteBuf out = buffer(size);
        if (out != null) {
            StateFrames.write(out, reply);
            send(out);
        }
    }

    /** A buffer for a frame, or null when the connection is gone (the frame would be dropped anyway). */
    private ByteBuf buffer(int size) {
        Channel ch = channel;
        return ch == null || !ch.isActive() ? null : ch.alloc().buffer(size);
    }

    private void send(ByteBuf out) {
        Channel ch = channel;
        ch.writeAndFlush(out, ch.voidPromise());
    }
}
