package io.lido.modules.staticfile;

import io.lido.api.HttpException;
import io.lido.api.HttpRequest;
import io.lido.api.HttpResponse;
import io.lido.ipc.HttpDates;
import io.lido.modules.support.VirtualPaths;
import io.lido.runtime.RequestContext;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Sends one file that has already been proven to lie inside its virtual directory: MIME type (404.3
 * when the extension has none), validators (ETag, Last-Modified), client cache policy, conditional
 * requests (304/412), byte ranges (206, multipart for several; 416), and the body through
 * {@link RequestContext#transmitFile} so the bytes never pass through the heap.
 */
final class StaticFileSender {

    private StaticFileSender() {
    }

    /**
     * @param file     the file, resolved, with its validators (and its content when it is hot)
     * @param now      the current time (Last-Modified is never later)
     * @param fileName the name the client asked for, whose extension selects the MIME type (a symlink's
     *                 target may have another name)
     */
    static void send(RequestContext context, StaticFile file, String fileName, StaticContentSettings settings,
                     Instant now) {
        String extension = VirtualPaths.extension(fileName);
        String mimeType = settings.mimeType(extension);
        if (mimeType == null) {
            throw new HttpException(404, 3, "no MIME type is configured for "
                    + (extension.isEmpty() ? "files without an extension" : "the extension " + extension)
                    + " (staticContent/mimeMap)");
        }
        long size = file.size();
        // RFC 9110 §8.8.2.1: never a Last-Modified later than the response's Date
        boolean future = file.lastModified().isAfter(now);
        Instant lastModified = future ? now.truncatedTo(ChronoUnit.SECONDS) : file.lastModified();
        String etag = file.etag();
        HttpRequest request = context.request();
        HttpResponse response = context.response();
        if (settings.setEtag()) {
            response.header("ETag", etag);
        }
        response.header("Last-Modified", future ? HttpDates.format(lastModified) : file.lastModifiedText());
        if (settings.cacheControl() != null) {
            response.header("Cache-Control", settings.cacheControl());
        }
        if (settings.expires() != null) {
            response.header("Expires", settings.expires());
        }
        switch (ConditionalRequest.evaluate(request, etag, lastModified)) {
            case NOT_MODIFIED -> {
                response.status(304);
                return;
            }
            case PRECONDITION_FAILED -> {
                response.status(412);
                return;
            }
            case PROCEED -> {
            }
        }
        response.header("Accept-Ranges", "bytes");
        ByteRange range = request.method().equals("GET") && ConditionalRequest.rangeAllowed(request, etag, lastModified)
                ? ByteRange.parse(request.header("Range"), size)
                : new ByteRange.Whole();
        switch (range) {
            case ByteRange.Unsatisfiable _ -> {
                response.status(416);
                response.header("Content-Range", "bytes */" + size);
            }
            case ByteRange.Multiple multiple -> MultipartRanges.send(context, file.target().file(), size, mimeType, multiple.parts());
            case ByteRange.Satisfiable part -> {
                response.status(206);
                response.header("Content-Range", "bytes " + part.first() + "-" + part.last() + "/" + size);
                response.contentType(mimeType);
                context.transmitFile(file.target().file(), part.first(), part.length());
            }
            case ByteRange.Whole _ -> {
                response.status(200);
                response.contentType(mimeType);
                sendWhole(context, file);
            }
        }
    }

    /** A hot file from memory (no open, no sendfile, one write with the head); any other with zero-copy. */
    private static void sendWhole(RequestContext context, StaticFile file) {
        byte[] content = file.content();
        if (content == null) {
            context.transmitFile(file.target().file(), 0, file.size());
            return;
        }
        context.response().contentLength(content.length);
        context.response().write(content);
    }
}
