package io.lido.modules.staticfile;

import io.lido.ipc.HttpDates;

import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A resolved static file or folder as {@link StaticFileCache} keeps it: the guard's verdict, the
 * validators derived from its size and modification time (computed once, not per request), and its
 * content once it is hot. Immutable; a change makes a new instance.
 *
 * @param target       the guard's verdict: real root, real path, attributes
 * @param etag         the strong entity tag of a file (null for a folder)
 * @param lastModified the modification time truncated to the second
 * @param lastModifiedText {@code lastModified} as an HTTP-date
 * @param verifiedAt   when the verdict was made or confirmed (clock milliseconds)
 * @param firstHitAt   when the frequent-hit period started (clock milliseconds), or -1
 * @param content      the whole file, or null while it is served from disk
 */
record StaticFile(PhysicalPathGuard.Target target, String etag, Instant lastModified, String lastModifiedText,
                  long verifiedAt, long firstHitAt, byte[] content) {

    /** A file or folder just resolved, not yet hit, content on disk. */
    static StaticFile of(PhysicalPathGuard.Target target, long nowMillis) {
        BasicFileAttributes attributes = target.attributes();
        Instant modified = attributes.lastModifiedTime().toInstant();
        Instant seconds = modified.truncatedTo(ChronoUnit.SECONDS);
        String etag = attributes.isRegularFile() ? EntityTags.forFile(attributes.size(), modified) : null;
        return new StaticFile(target, etag, seconds, attributes.isRegularFile() ? HttpDates.format(seconds) : null,
                nowMillis, -1, null);
    }

    boolean isFile() {
        return target.attributes().isRegularFile();
    }

    long size() {
        return target.attributes().size();
    }

    private FileTime modified() {
        return target.attributes().lastModifiedTime();
    }

    /** Whether attributes read now describe the same file content as this entry's. */
    boolean matches(BasicFileAttributes now) {
        return now.size() == size() && now.lastModifiedTime().equals(modified())
                && now.isRegularFile() == isFile() && now.isDirectory() == target.attributes().isDirectory();
    }

    /** Whether a new verdict is about the same, unchanged file as {@code other}. */
    boolean sameFileAs(StaticFile other) {
        return target.file().equals(other.target.file()) && target.root().equals(other.target.root())
                && matches(other.target.attributes());
    }

    StaticFile verifiedAt(long nowMillis) {
        return new StaticFile(target, etag, lastModified, lastModifiedText, nowMillis, firstHitAt, content);
    }

    StaticFile firstHit(long nowMillis) {
        return new StaticFile(target, etag, lastModified, lastModifiedText, verifiedAt, nowMillis, content);
    }

    StaticFile withContent(byte[] bytes) {
        return new StaticFile(target, etag, lastModified, lastModifiedText, verifiedAt, firstHitAt, bytes);
    }
}
