package io.lido.runtime.internal;

import io.lido.api.HttpException;
import io.lido.api.HttpRequest;
import io.lido.ipc.Loopback;
import io.lido.ipc.RequestBody;
import io.lido.ipc.RequestHead;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The {@link HttpRequest} of one request, over the listener's {@link RequestHead} and
 * {@link RequestBody}. Query, form and cookies are parsed on first use.
 */
final class RuntimeRequest implements HttpRequest {
    private final RuntimeContext context;
    private final RequestHead head;
    private final RequestBody body;
    private Map<String, List<String>> query;
    private Map<String, List<String>> form;
    private Map<String, String> cookies;
    private InputStream bodyStream;
    private Path physicalPath;

    RuntimeRequest(RuntimeContext context, RequestHead head, RequestBody body) {
        this.context = context;
        this.head = head;
        this.body = body;
    }

    RequestHead head() {
        return head;
    }

    @Override
    public String method() {
        return head.method();
    }

    @Override
    public String path() {
        return head.path();
    }

    @Override
    public String rawUrl() {
        return head.rawTarget();
    }

    @Override
    public String queryString() {
        return head.query();
    }

    @Override
    public String query(String name) {
        return first(queryParameters(), name);
    }

    @Override
    public Map<String, List<String>> queryParameters() {
        if (query == null) {
            query = UrlEncoding.parse(head.query(), "query string");
        }
        return query;
    }

    @Override
    public String form(String name) {
        return first(formFields(), name);
    }

    @Override
    public Map<String, List<String>> formFields() {
        if (form == null) {
            form = readForm();
        }
        return form;
    }

    @Override
    public String header(String name) {
        return head.headers().get(name);
    }

    @Override
    public List<String> headers(String name) {
        return head.headers().getAll(name);
    }

    @Override
    public List<String> headerNames() {
        return HeaderValidation.distinctNames(head.headers());
    }

    @Override
    public String cookie(String name) {
        return cookies().get(name);
    }

    @Override
    public Map<String, String> cookies() {
        if (cookies == null) {
            cookies = Cookies.parse(head.headers().getAll("Cookie"));
        }
        return cookies;
    }

    @Override
    public InputStream body() {
        if (bodyStream == null) {
            bodyStream = head.hasBody() ? new RequestBodyStream(body) : InputStream.nullInputStream();
        }
        return bodyStream;
    }

    @Override
    public long contentLength() {
        return head.contentLength();
    }

    @Override
    public String contentType() {
        return head.headers().get("Content-Type");
    }

    @Override
    public String remoteAddress() {
        return head.remoteAddress();
    }

    @Override
    public boolean isLocal() {
        return Loopback.isLocal(head.remoteAddress(), head.localAddress());
    }

    @Override
    public boolean isSecure() {
        return head.secure();
    }

    @Override
    public String host() {
        return head.headers().get("Host");
    }

    @Override
    public String protocol() {
        return head.httpMinorVersion() == 0 ? "HTTP/1.0" : "HTTP/1.1";
    }

    @Override
    public String applicationPath() {
        return context.applicationPath();
    }

    @Override
    public String appRelativePath() {
        return "~/" + context.appRelativePath();
    }

    @Override
    public Path physicalPath() {
        if (physicalPath == null) {
            physicalPath = context.domain().paths().map(head.path());
        }
        return physicalPath;
    }

    @Override
    public String serverVariable(String name) {
        return ServerVariables.of(head, name, context.user());
    }

    private Map<String, List<String>> readForm() {
        String type = contentType();
        if (type == null || !type.regionMatches(true, 0, "application/x-www-form-urlencoded", 0, 33)) {
            return Map.of();
        }
        long limit = context.maxRequestBytes();
        if (head.contentLength() > limit) {
            throw new HttpException(413, 0, "the form body (" + head.contentLength()
                    + " bytes) exceeds maxAllowedContentLength (" + limit + " bytes)");
        }
        byte[] bytes = readBody(limit);
        // The form consumed the stream; give later readers the same bytes, as ASP.NET's InputStream does.
        bodyStream = new ByteArrayInputStream(bytes);
        return UrlEncoding.parse(new String(bytes, StandardCharsets.UTF_8), "form body");
    }

    private byte[] readBody(long limit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(
                (int) Math.min(Math.max(head.contentLength(), 256), 64 * 1024));
        byte[] chunk = new byte[8192];
        try {
            InputStream in = body();
            int n;
            while ((n = in.read(chunk, 0, chunk.length)) >= 0) {
                if (out.size() + (long) n > limit) {
                    throw new HttpException(413, 0, "the form body exceeds maxAllowedContentLength (" + limit + " bytes)");
                }
                out.write(chunk, 0, n);
            }
        } catch (IOException e) {
            // The client went away or sent a malformed body; the listener has already refused the exchange.
            throw new HttpException(400, 0, "the form body could not be read: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static String first(Map<String, List<String>> map, String name) {
        List<String> values = map.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
