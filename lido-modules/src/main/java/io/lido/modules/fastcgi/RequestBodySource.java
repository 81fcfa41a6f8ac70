package io.lido.modules.fastcgi;

import io.lido.api.HttpException;
import io.lido.api.HttpRequest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The request body as FastCGI sends it: CGI needs CONTENT_LENGTH before the first byte (RFC 3875 §4.1.2; php-cgi
 * reads no more than it says), so a chunked body is read whole first, at most {@value #MAX_CHUNKED} bytes (IIS's
 * default maxAllowedContentLength); a body with a length streams.
 */
final class RequestBodySource {
    static final int MAX_CHUNKED = 30_000_000;
    private final long length;
    private final InputStream stream;

    private RequestBodySource(long length, InputStream stream) {
        this.length = length;
        this.stream = stream;
    }

    static RequestBodySource of(HttpRequest request) {
        long length = request.contentLength();
        if (length >= 0) {
            return new RequestBodySource(length, length == 0 ? InputStream.nullInputStream() : request.body());
        }
        try {
            byte[] whole = request.body().readNBytes(MAX_CHUNKED + 1);
            if (whole.length > MAX_CHUNKED) {
                throw new HttpException(413, 0, "a chunked request body for FastCGI is limited to " + MAX_CHUNKED
                        + " bytes (CGI needs its length first, so Lido holds it in memory)");
            }
            return new RequestBodySource(whole.length, new ByteArrayInputStream(whole));
        } catch (IOException | UncheckedIOException e) {
            throw new HttpException(400, 0, "the request body could not be read: " + e.getMessage(), e);
        }
    }

    long length() {
        return length;
    }

    InputStream stream() {
        return stream;
    }

    /** The whole body (for a short one). */
    byte[] readAll() {
        try {
            byte[] bytes = stream.readNBytes((int) length);
            if (bytes.length < length) {
                throw new HttpException(400, 0, "the request body ended after " + bytes.length + " of " + length + " bytes");
            }
            return bytes;
        } catch (IOException | UncheckedIOException e) {
            throw new HttpException(400, 0, "the request body could not be read: " + e.getMessage(), e);
        }
    }
}
