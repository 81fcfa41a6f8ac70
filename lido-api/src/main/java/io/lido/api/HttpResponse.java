package io.lido.api;

import java.io.OutputStream;
import java.util.List;

/**
 * The response being built. Output is buffered until {@link #flush()} or until the buffer fills; the
 * headers are sent ("committed") with the first bytes, after which status and headers cannot change.
 */
public interface HttpResponse {

    int status();

    /** Sets the status (and clears the sub-status). */
    void status(int status);

    /** The IIS sub-status, e.g. 3 for 404.3; used in logs and error pages. */
    int subStatus();

    void subStatus(int subStatus);

    /** Sets a header, replacing existing values. */
    void header(String name, String value);

    /** Adds a header value. */
    void addHeader(String name, String value);

    void removeHeader(String name);

    /** A header's first value, or null. */
    String header(String name);

    List<String> headers(String name);

    List<String> headerNames();

    /** Sets Content-Type. */
    void contentType(String contentType);

    String contentType();

    void cookie(HttpCookie cookie);

    /** Writes text as UTF-8 (or the charset of the content type). */
    void write(String text);

    void write(byte[] data);

    void write(byte[] data, int offset, int length);

    /** The body as a stream; closing it is not required. */
    OutputStream outputStream();

    /** 302 to the URL (ASP.NET {@code Response.Redirect}); ends the request. */
    void redirect(String url);

    /** 301 when {@code permanent}, else 302; ends the request. */
    void redirect(String url, boolean permanent);

    /** Sends the headers and what is buffered now. */
    void flush();

    /** Whether the headers have been sent. */
    boolean isCommitted();

    /** Discards buffered output and headers set so far (allowed until committed). */
    void clear();

    /** Sets Content-Length explicitly (otherwise the runtime computes it or chunks). */
    void contentLength(long length);
}
