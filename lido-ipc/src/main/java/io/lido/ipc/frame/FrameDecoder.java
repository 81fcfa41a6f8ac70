package io.lido.ipc.frame;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Splits the byte stream into {@link Frame}s. A length below the header size or above
 * {@link Frames#MAX_PAYLOAD}, or an unknown type, raises a {@link FrameException} (through
 * exceptionCaught); after that every further byte is dropped, because the stream has lost its framing.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    private boolean broken;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= 4) {
            int start = in.readerIndex();
            int length = in.getInt(start);
            if (length < 5 || length - 5 > Frames.MAX_PAYLOAD) {
                fail(in, "frame length " + Integer.toUnsignedString(length) + " is out of range 5.."
                        + (Frames.MAX_PAYLOAD + 5));
            }
            if (in.readableBytes() < 4 + length) {
                return;
            }
            int code = in.getUnsignedByte(start + 4);
            FrameType type;
            try {
                type = FrameType.of(code);
            } catch (FrameException e) {
                fail(in, e.getMessage());
                return;
            }
            int stream = in.getInt(start + 5);
            in.skipBytes(9);
            out.add(new Frame(type, stream, in.readRetainedSlice(length - 5)));
        }
    }

    private void fail(ByteBuf in, String message) {
        broken = true;
        in.skipBytes(in.readableBytes());
        throw new FrameException(message);
    }
}
