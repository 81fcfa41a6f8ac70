package io.lido.runtime.internal;

import io.lido.api.HttpCookie;
import io.lido.api.HttpResponse;
import io.lido.api.PipelineEvent;
import io.lido.ipc.HeaderList;
import io.lido.ipc.ResponseChannel;
import io.lido.ipc.ResponseHead;

import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link HttpResponse} of one request: status, headers and cookies until the head is committed,
 * the body through {@link ResponseOutput}. Used by the request's thread only.
 */
final class RuntimeResponse implements HttpResponse, ResponseOutput.Sink {
    private static final String[] BODY_FIELDS = {"Content-Type", "Content-Length", "Content-Encoding",
            "Content-Range", "Content-Disposition"};

    private final RuntimeContext context;
    private final ResponseOutput output;
    private final HeaderList headers = new HeaderList(8);
    private List<HttpCookie> cookies;
    private int status = 200;
    private int subStatus;
    private boolean textWritten;
    private String charsetSource;
    private Charset charset = StandardCharsets.UTF_8;
    private OutputStream stream;

    RuntimeResponse(RuntimeContext context, ResponseChannel channel, byte[] buffer) {
        this.context = context;
        this.output = new ResponseOutput(channel, buffer, this);
    }

    ResponseOutput output() {
        return output;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public void status(int newStatus) {
        if (newStatus < 100 || newStatus > 999) {
            throw new IllegalArgumentException("status out of range 100..999: " + newStatus);
        }
        checkNotCommitted();
        status = newStatus;
        subStatus = 0;
    }

    @Override
    public int subStatus() {
        return subStatus;
    }

    @Override
    public void subStatus(int newSubStatus) {
        checkNotCommitted();
        subStatus = newSubStatus;
    }

    @Override
    public void header(String name, String value) {
        HeaderValidation.check(name, value);
        checkNotCommitted();
        headers.set(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
        HeaderValidation.check(name, value);
        checkNotCommitted();
        headers.add(name, value);
    }

    @Override
    public void removeHeader(String name) {
        checkNotCommitted();
        headers.remove(name);
    }

    @Override
    public String header(String name) {
        return headers.get(name);
    }

    @Override
    public List<String> headers(String name) {
        return headers.getAll(name);
    }

    @Override
    public List<String> headerNames() {
        return HeaderValidation.distinctNames(headers);
    }

    @Override
    public void contentType(String contentType) {
        // The name is a constant token; only the value needs checking.
        HeaderValidation.check("Content-Type", contentType);
        checkNotCommitted();
        headers.set("Content-Type", contentType);
    }

    @Override
    public String contentType() {
        return headers.get("Content-Type");
    }

    @Override
    public void cookie(HttpCookie cookie) {
        checkNotCommitted();
        Cookies.format(cookie);
        if (cookies == null) {
            cookies = new ArrayList<>(2);
        }
        cookies.add(cookie);
    }

    /** Whether a cookie with this name is set on the response (for the session cookie after a {@link #clear()}). */
    boolean hasCookie(String name) {
        if (cookies != null) {
            for (HttpCookie cookie : cookies) {
                if (cookie.name().equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void write(String text) {
        byte[] bytes = text.getBytes(charset());
        textWritten = true;
        output.write(bytes, 0, bytes.length);
    }

    @Override
    public void write(byte[] data) {
        output.write(data, 0, data.length);
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, data.length);
        output.write(data, offset, length);
    }

    @Override
    public OutputStream outputStream() {
        if (stream == null) {
            stream = new OutputStream() {
                @Override
                public void write(int b) {
                    output.write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    RuntimeResponse.this.write(b, off, len);
                }

                @Override
                public void flush() {
                    output.flush();
                }
            };
        }
        return stream;
    }

    @Override
    public void redirect(String url) {
        redirect(url, false);
    }

    @Override
    public void redirect(String url, boolean permanent) {
        checkNotCommitted();
        String location = url.startsWith("~/") ? context.applicationRelativeUrl(url) : url;
        HeaderValidation.check("Location", location);
        output.discard();
        status(permanent ? 301 : 302);
        headers.set("Location", location);
        contentType("text/html; charset=utf-8");
        String href = Html.encode(location);
        byte[] body = ("<html><head><title>Object moved</title></head><body>\r\n<h2>Object moved to <a href=\""
                + href + "\">here</a>.</h2>\r\n</body></html>\r\n").getBytes(StandardCharsets.UTF_8);
        output.write(body, 0, body.length);
        output.close();
        context.completeRequest();
    }

    @Override
    public void flush() {
        output.flush();
    }

    @Override
    public boolean isCommitted() {
        return output.isCommitted();
    }

    @Override
    public void clear() {
        checkNotCommitted();
        headers.clear();
        cookies = null;
        textWritten = false;
        output.discard();
    }

    /** Discards the body and the fields that describe it, keeping the other headers and the cookies. */
    void clearContent() {
        checkNotCommitted();
        for (String name : BODY_FIELDS) {
            headers.remove(name);
        }
        textWritten = false;
        output.discard();
    }

    @Override
    public void contentLength(long length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative Content-Length: " + length);
        }
        header("Content-Length", Long.toString(length));
    }

    @Override
    public void commitHead(long contentLength) {
        context.raiseSendEvent(PipelineEvent.PRE_SEND_REQUEST_HEADERS);
        completeHeaders(contentLength);
        output.channel().sendHead(new ResponseHead(status, subStatus, null, headers, context.userName()));
    }

    @Override
    public void beforeContent() {
        context.raiseSendEvent(PipelineEvent.PRE_SEND_REQUEST_CONTENT);
    }

    private void completeHeaders(long contentLength) {
        String type = headers.get("Content-Type");
        if (type == null && textWritten) {
            headers.add("Content-Type", "text/html; charset=utf-8");
        } else if (type != null && textWritten && type.regionMatches(true, 0, "text/", 0, 5)
                && !ContentTypes.hasCharset(type)) {
            // The text was encoded as UTF-8 (the default); say so, as ASP.NET does.
            headers.set("Content-Type", type + "; charset=utf-8");
        }
        if (cookies != null) {
            for (HttpCookie cookie : cookies) {
                headers.add("Set-Cookie", Cookies.format(cookie));
            }
        }
        if (status < 200 || status == 204 || status == 304) {
            headers.remove("Content-Length");
        } else if (contentLength >= 0 && !headers.contains("Content-Length")) {
            headers.add("Content-Length", Long.toString(contentLength));
        }
    }

    private Charset charset() {
        String type = headers.get("Content-Type");
        if (type == charsetSource) {
            return charset;
        }
        charsetSource = type;
        charset = ContentTypes.charset(type);
        return charset;
    }

    private void checkNotCommitted() {
        if (output.isCommitted()) {
            throw new IllegalStateException("the response headers have already been sent");
        }
    }
}
