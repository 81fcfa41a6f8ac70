package io.lido.listener.log.w3c;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * One log file opened for appending, UTF-8, LF line ends (IIS writes CRLF on
 * Windows; on Unix a trailing CR would stick to the last field in awk or cut). Opening writes the header
 * block again even when the file already exists, as IIS does after a restart, so a reader always finds the
 * {@code #Fields} that apply to the lines below them. Used by the log writer thread only.
 */
public final class LogFile implements AutoCloseable {
    private static final byte[] EOL = {'\n'};

    private final Path path;
    private final OutputStream out;
    private long size;

    private LogFile(Path path, OutputStream out, long size) {
        this.path = path;
        this.out = out;
        this.size = size;
    }

    /**
     * Opens (creating folders and file as needed) and writes the header lines.
     *
     * @throws UncheckedIOException naming the file when it cannot be created or written
     */
    public static LogFile open(Path path, List<String> header) {
        try {
            Files.createDirectories(path.getParent());
            long existing = Files.exists(path) ? Files.size(path) : 0;
            OutputStream stream = Files.newOutputStream(path, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            LogFile file = new LogFile(path, new BufferedOutputStream(stream, 64 * 1024), existing);
            for (String line : header) {
                file.writeLine(line);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open log file " + path, e);
        }
    }

    /** Appends one line (the caller has escaped it) followed by a line end. */
    public void writeLine(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        try {
            out.write(bytes);
            out.write(EOL);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to log file " + path, e);
        }
        size += bytes.length + EOL.length;
    }

    /** Bytes in the file, including what is still buffered. */
    public long size() {
        return size;
    }

    public Path path() {
        return path;
    }

    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flush log file " + path, e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close log file " + path, e);
        }
    }
}
