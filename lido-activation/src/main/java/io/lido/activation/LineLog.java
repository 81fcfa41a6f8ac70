package io.lido.activation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/**
 * A log file the host appends whole lines to: a pool's log ({@code <pool>.log}) and the AOT cache's log. Opened
 * once, append-only, created 0640 and never through a link; it lives in a folder only the host can write. Lines of
 * several writers (one per worker) never interleave.
 */
final class LineLog implements AutoCloseable {
    static final int MODE = 0640;
    private static final byte[] NEWLINE = {'\n'};
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private final Path file;
    private final FileChannel channel;

    private LineLog(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Opens (or creates, mode 0640) the file for appending; a file there from an older version gets 0640 too. */
    static LineLog open(Path file) {
        try {
            FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
            Files.setAttribute(file, "unix:mode", MODE, LinkOption.NOFOLLOW_LINKS);
            return new LineLog(file, channel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the log " + file + ": " + e.getMessage(), e);
        }
    }

    Path file() {
        return file;
    }

    /** Appends {@code prefix}, the bytes and a line end. */
    synchronized void write(byte[] prefix, byte[] line, int offset, int length) throws IOException {
        ByteBuffer[] parts = {ByteBuffer.wrap(prefix), ByteBuffer.wrap(line, offset, length),
                ByteBuffer.wrap(NEWLINE)};
        while (parts[2].hasRemaining()) {
            channel.write(parts);
        }
    }

    /** A line of the host's own: "{@code prefix}yyyy-MM-dd HH:mm:ss.SSS text". */
    void note(String prefix, String text) {
        byte[] bytes = (LocalDateTime.now().format(STAMP) + " " + text).getBytes(StandardCharsets.UTF_8);
        try {
            write(prefix.getBytes(StandardCharsets.UTF_8), bytes, 0, bytes.length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }
}
