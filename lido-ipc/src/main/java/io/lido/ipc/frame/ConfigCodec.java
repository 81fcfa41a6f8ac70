package io.lido.ipc.frame;

import io.netty.buffer.ByteBuf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * CONFIG payloads (docs/ipc.md): the host sends a worker its pool's configuration as soon as the worker's
 * HELLO arrives, so that the worker never reads applicationHost.config (which its user may not be allowed
 * to read, and which may be an invalid edit at that moment). The text is split into frames of at most
 * {@link Frames#MAX_CHUNK} bytes: each carries the file name and a last-chunk flag.
 */
public final class ConfigCodec {
    /** More than any configuration of one pool: a bigger one is a protocol error rather than a full heap. */
    static final int MAX_TEXT_BYTES = 64 * 1024 * 1024;

    private ConfigCodec() {
    }

    /**
     * A pool's configuration.
     *
     * @param file the applicationHost.config it was written from: the name its messages give, and the folder
     *             relative paths resolve against
     * @param text the XML
     */
    public record WorkerConfiguration(String file, String text) {
        public WorkerConfiguration {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(text, "text");
        }
    }

    /** Writes the whole configuration as CONFIG frames into {@code out}. */
    public static void write(ByteBuf out, WorkerConfiguration configuration) {
        byte[] bytes = configuration.text().getBytes(StandardCharsets.UTF_8);
        int offset = 0;
        do {
            int length = Math.min(Frames.MAX_CHUNK, bytes.length - offset);
            int start = Frames.begin(out, FrameType.CONFIG, 0);
            Wire.writeString(out, configuration.file());
            out.writeByte(offset + length == bytes.length ? 1 : 0);
            out.writeBytes(bytes, offset, length);
            Frames.end(out, start);
            offset += length;
        } while (offset < bytes.length);
    }

    /** The worker's side: collects the chunks until the last one. Not thread-safe (one event loop). */
    public static final class Assembler {
        private final ByteArrayOutputStream text = new ByteArrayOutputStream();
        private String file;
        private boolean complete;

        /**
         * Adds one CONFIG payload; returns the configuration once its last chunk arrived, else null.
         *
         * @throws FrameException for a chunk after the last one, a chunk of another file, a bad flag or too much text
         */
        public WorkerConfiguration add(ByteBuf payload) {
            String name = Wire.readRequiredString(payload, "configuration file");
            int last = Wire.readByte(payload, "last chunk flag");
            if (complete) {
                throw new FrameException("CONFIG frame after the configuration was complete");
            }
            if (file != null && !file.equals(name)) {
                throw new FrameException("CONFIG chunk of " + name + " inside the configuration of " + file);
            }
            if (last > 1) {
                throw new FrameException("CONFIG last chunk flag " + last + " (must be 0 or 1)");
            }
            if (text.size() + payload.readableBytes() > MAX_TEXT_BYTES) {
                throw new FrameException("CONFIG text over " + MAX_TEXT_BYTES + " bytes");
            }
            file = name;
            byte[] chunk = new byte[payload.readableBytes()];
            payload.readBytes(chunk);
            text.writeBytes(chunk);
            if (last == 0) {
                return null;
            }
            complete = true;
            return new WorkerConfiguration(file, text.toString(StandardCharsets.UTF_8));
        }
    }
}
