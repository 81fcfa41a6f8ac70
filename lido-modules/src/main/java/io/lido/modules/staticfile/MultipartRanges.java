package io.lido.modules.staticfile;

import io.lido.api.HttpResponse;
import io.lido.runtime.RequestContext;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A 206 with several ranges as {@code multipart/byteranges} (RFC 9110 §14.6): each part's header is
 * written as text and its bytes go through {@link RequestContext#transmitFile}, so the file is still
 * never copied through the heap. The exact Content-Length is computed first, so the body is not chunked.
 */
final class MultipartRanges {

    private MultipartRanges() {
    }

    static void send(RequestContext context, Path file, long size, String mimeType, List<ByteRange.Satisfiable> parts) {
        String boundary = "LIDO_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        List<byte[]> heads = new ArrayList<>(parts.size());
        long total = 0;
        for (int i = 0; i < parts.size(); i++) {
            ByteRange.Satisfiable part = parts.get(i);
            String head = (i == 0 ? "" : "\r\n") + "--" + boundary + "\r\nContent-Type: " + mimeType
                    + "\r\nContent-Range: bytes " + part.first() + "-" + part.last() + "/" + size + "\r\n\r\n";
            byte[] bytes = head.getBytes(StandardCharsets.ISO_8859_1);
            heads.add(bytes);
            total += bytes.length + part.length();
        }
        byte[] end = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
        total += end.length;
        HttpResponse response = context.response();
        response.status(206);
        response.contentType("multipart/byteranges; boundary=" + boundary);
        response.contentLength(total);
        for (int i = 0; i < parts.size(); i++) {
            response.write(heads.get(i));
            context.transmitFile(file, parts.get(i).first(), parts.get(i).length());
        }
        response.write(end);
    }
}
