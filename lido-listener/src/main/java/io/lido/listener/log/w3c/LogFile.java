package io.lido.listener.log.w3c;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * One log file opened for appending, UTF-8, LF line ends (IIS writes CRLF on
 * Windows; on Unix a trailing CR would stick to the last field in awk or cut). Opening writes the header
 * block again even when the file already exists, as IIS does after a restart, so a reader always finds the
 * {@code #Fields} that apply to the lines below them. Used by the log writer thread only.
 */
public final class LogFile implements AutoCloseable {
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final byte EOL = '\n';
    private static final Set<PosixFilePermission> FOLDER_MODE = PosixFilePermissions.fromString("rwxr-x---");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-r-----");

    private final Path path;
    private final OutputStream out;
    // Our own buffer rather than a BufferedOutputStream: a line is copied into it once, with its line end,
    // and no lock is taken (the writer thread is the only caller).
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int buffered;
    private long size;

    private LogFile(Path path, OutputStream out, long size) {
        this.path = path;
        this.out = out;
        this.size = size;
    }

    /**
     * Opens (creating folders and file as needed) and writes the header lines. Logs hold query strings, session
     * ids in URLs and client addresses: a new folder is 750 and a new file 640 (group: Lido's admin group when its
     * parent folder gives it), whatever the process's umask; the file is never opened through a link.
     *
     * @throws UncheckedIOException naming the file when it cannot be created or written
     */
    public static LogFile open(Path path, List<String> header) {
        try {
            Files.createDirectories(path.getParent(), PosixFilePermissions.asFileAttribute(FOLDER_MODE));
            long existing = Files.exists(path, LinkOption.NOFOLLOW_LINKS) ? Files.size(path) : 0;
            OutputStream stream = Channels.newOutputStream(FileChannel.open(path, Set.of(StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                    PosixFilePermissions.asFileAttribute(FILE_MODE)));
            LogFile file = new LogFile(path, stream, existing);
            for (String line : header) {
                file.writeLine(line);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open log file " + path, e);
        }
    }

    /** Appends one line (the caller has escaped it) as UTF-8, followed by a line end. */
    public void writeLine(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        writeLine(bytes, bytes.length);
    }

    /**
     * Appends the first {@code length} bytes of {@code line} (an escaped line, UTF-8, without its line end)
     * followed by a line end. The bytes are copied: the caller may reuse the array at once.
     */
    public void writeLine(byte[] line, int length) {
        try {
            if (length >= buffer.length - buffered) {
                drain();
            }
            if (length >= buffer.length) {
                out.write(line, 0, length);
            } else {
                System.arraycopy(line, 0, buffer, buffered, length);
                buffered += length;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to log file " + path, e);
        }
        buffer[buffered++] = EOL;
        size += length + 1;
    }

    // On failure the buffered lines stay, to be retried by the next write or flush.
    private void drain() throws IOException {
        if (buffered > 0) {
            out.write(buffer, 0, buffered);
            buffered = 0;
        }
    }

    /** Bytes in the file, including what is still buffered. */
    public long size() {
        return size;
    }

    public Path path() {
        return path;
    }

    /** Hands the buffered lines to the operating system. */
    public void flush() {
        try {
            drain();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flush log file " + path, e);
        }
    }

    /** Writes the buffered lines and closes the file (closed even when that write fails). */
    @Override
    public void close() {
        try (OutputStream closing = out) {
            drain();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close log file " + path, e);
        }
    }
}
