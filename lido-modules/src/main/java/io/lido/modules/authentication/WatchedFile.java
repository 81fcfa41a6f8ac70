package io.lido.modules.authentication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * One of Lido's trusted files ({@link AdminFile}) parsed into {@code T}, read again when it changes: its
 * modification time, size and inode are looked at no more than once per {@value #RECHECK_MILLIS} ms, so an
 * administrator's {@code htpasswd} edit counts within a second without a stat per request. A file that
 * cannot be read fails every request that needs it until it can (fail closed), with the reason.
 *
 * @param <T> the parsed form
 */
final class WatchedFile<T> {
    static final long RECHECK_MILLIS = 1000;

    private record Stamp(FileTime modified, long size, Object key) {
    }

    private record Snapshot<T>(Stamp stamp, T value, UncheckedIOException error, long checkedAt) {
    }

    private final Path file;
    private final BiFunction<Path, List<String>, T> parser;
    private final Clock clock;
    private volatile Snapshot<T> snapshot;

    WatchedFile(Path file, BiFunction<Path, List<String>, T> parser, Clock clock) {
        this.file = file;
        this.parser = parser;
        this.clock = clock;
    }

    /**
     * The parsed file as it is now (at most a second old).
     *
     * @throws UncheckedIOException when the file cannot be read or is not trusted
     */
    T get() {
        Snapshot<T> s = snapshot;
        long now = clock.millis();
        if (s == null || now - s.checkedAt() >= RECHECK_MILLIS) {
            s = refresh(now);
        }
        if (s.error() != null) {
            throw s.error();
        }
        return s.value();
    }

    private synchronized Snapshot<T> refresh(long now) {
        Snapshot<T> s = snapshot;
        if (s != null && now - s.checkedAt() < RECHECK_MILLIS) {
            return s;
        }
        Stamp stamp;
        try {
            stamp = stamp();
        } catch (IOException e) {
            return publish(new Snapshot<>(null, null, unreadable(e), now));
        }
        if (s != null && s.error() == null && Objects.equals(s.stamp(), stamp)) {
            return publish(new Snapshot<>(stamp, s.value(), null, now));
        }
        try {
            return publish(new Snapshot<>(stamp, parser.apply(file, AdminFile.readLines(file)), null, now));
        } catch (IOException e) {
            return publish(new Snapshot<>(null, null, unreadable(e), now));
        }
    }

    private Snapshot<T> publish(Snapshot<T> s) {
        snapshot = s;
        return s;
    }

    private Stamp stamp() throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return new Stamp(a.lastModifiedTime(), a.size(), a.fileKey());
    }

    private UncheckedIOException unreadable(IOException e) {
        String why = e instanceof NoSuchFileException ? file + " does not exist" : e.getMessage();
        return new UncheckedIOException("cannot read " + file + ": " + why, e);
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
