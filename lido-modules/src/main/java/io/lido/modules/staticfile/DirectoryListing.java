package io.lido.modules.staticfile;

import io.lido.api.HttpResponse;
import io.lido.modules.staticfile.DirectorySettings.ShowFlag;
import io.lido.modules.support.Escaping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * IIS's DirectoryListingModule page: a {@code <pre>} list with a parent link and, per showFlags, date,
 * time and size columns. Names are HTML-escaped and links percent-encoded per segment, so a file name
 * cannot inject markup or change where a link points. Hidden entries (a leading dot), entries named
 * like a hidden segment and links that resolve outside the virtual directory are left out.
 */
final class DirectoryListing {
    private static final DateTimeFormatter SHORT_DATE = DateTimeFormatter.ofPattern("M/d/yyyy", Locale.US);
    private static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy", Locale.US);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mm a", Locale.US);

    private record Entry(String name, boolean directory, long size, Instant modified) {
    }

    private DirectoryListing() {
    }

    /**
     * Writes the listing of {@code directory} for the URL {@code urlPath} (decoded, ending in '/').
     *
     * @param hiddenSegments lower-case names never listed (requestFiltering hiddenSegments)
     */
    static void write(HttpResponse response, String host, String urlPath, Path directory, Path realRoot,
                      Set<ShowFlag> flags, Set<String> hiddenSegments) {
        List<Entry> entries = entries(directory, realRoot, hiddenSegments);
        String href = encodedPath(urlPath);
        String title = Escaping.html(host + " - " + urlPath);
        StringBuilder html = new StringBuilder(256 + entries.size() * 128);
        html.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(title)
                .append("</title></head><body><h1>").append(title).append("</h1><hr>\n<pre>");
        if (!urlPath.equals("/")) {
            html.append("<a href=\"").append(parentOf(href)).append("\">[To Parent Directory]</a><br><br>");
        }
        ZoneId zone = ZoneId.systemDefault();
        for (Entry entry : entries) {
            html.append(columns(entry, flags, zone));
            String link = href + Escaping.pathSegment(entry.name()) + (entry.directory() ? "/" : "");
            html.append("<a href=\"").append(Escaping.html(link)).append("\">")
                    .append(Escaping.html(displayName(entry, flags))).append("</a><br>");
        }
        html.append("</pre><hr></body></html>\n");
        response.contentType("text/html; charset=utf-8");
        response.write(html.toString());
    }

    private static List<Entry> entries(Path directory, Path realRoot, Set<String> hiddenSegments) {
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            for (Path child : stream) {
                String name = child.getFileName().toString();
                // a leading dot is the Unix hidden attribute, which IIS's listing leaves out too
                if (name.startsWith(".") || hiddenSegments.contains(name.toLowerCase(Locale.ROOT))
                        || !PhysicalPathGuard.isInside(child, realRoot)) {
                    continue;
                }
                BasicFileAttributes attributes = Files.readAttributes(child, BasicFileAttributes.class);
                entries.add(new Entry(name, attributes.isDirectory(), attributes.size(),
                        attributes.lastModifiedTime().toInstant()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        entries.sort(Comparator.comparing(Entry::name, String.CASE_INSENSITIVE_ORDER));
        return entries;
    }

    private static String columns(Entry entry, Set<ShowFlag> flags, ZoneId zone) {
        StringBuilder out = new StringBuilder(64);
        ZonedDateTime local = entry.modified().atZone(zone);
        if (flags.contains(ShowFlag.DATE)) {
            String date = flags.contains(ShowFlag.LONGDATE) ? LONG_DATE.format(local) : SHORT_DATE.format(local);
            out.append(String.format("%30s ", date));
        }
        if (flags.contains(ShowFlag.TIME)) {
            out.append(String.format("%8s ", TIME.format(local)));
        }
        if (flags.contains(ShowFlag.SIZE)) {
            out.append(entry.directory() ? "       &lt;dir&gt; " : String.format("%12d ", entry.size()));
        }
        return out.toString();
    }

    private static String displayName(Entry entry, Set<ShowFlag> flags) {
        int dot = entry.name().lastIndexOf('.');
        if (entry.directory() || flags.contains(ShowFlag.EXTENSION) || dot <= 0) {
            return entry.name();
        }
        return entry.name().substring(0, dot);
    }

    private static String encodedPath(String urlPath) {
        StringBuilder out = new StringBuilder(urlPath.length() + 8).append('/');
        for (String segment : urlPath.split("/")) {
            if (!segment.isEmpty()) {
                out.append(Escaping.pathSegment(segment)).append('/');
            }
        }
        return out.toString();
    }

    private static String parentOf(String encodedDirectory) {
        int slash = encodedDirectory.lastIndexOf('/', encodedDirectory.length() - 2);
        return encodedDirectory.substring(0, slash + 1);
    }
}
