package io.lido.modules.testing;

import io.lido.api.HttpRequest;
import io.lido.ipc.HeaderList;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A request for unit tests. The decoded path is derived from the raw target the way the listener does
 * it (percent-decoding once as UTF-8); the physical path comes from a mapping function the test
 * supplies, standing in for the runtime's virtual-directory mapping.
 */
public final class TestRequest implements HttpRequest {
    private final String method;
    private final String rawUrl;
    private final String path;
    private final String query;
    private final HeaderList headers = new HeaderList();
    private final Function<String, Path> mapper;
    private String applicationPath = "/";
    private long contentLength;

    public TestRequest(String method, String rawUrl, Function<String, Path> mapper) {
        this.method = method;
        this.rawUrl = rawUrl;
        int question = rawUrl.indexOf('?');
        this.path = decode(question < 0 ? rawUrl : rawUrl.substring(0, question));
        this.query = question < 0 ? "" : rawUrl.substring(question + 1);
        this.mapper = mapper;
    }

    public TestRequest header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    public TestRequest contentLength(long length) {
        contentLength = length;
        return this;
    }

    public TestRequest applicationPath(String appPath) {
        applicationPath = appPath;
        return this;
    }

    static String decode(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                out.write(Integer.parseInt(raw, i + 1, i + 3, 16));
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override public String method() { return method; }
    @Override public String path() { return path; }
    @Override public String rawUrl() { return rawUrl; }
    @Override public String queryString() { return query; }
    @Override public String query(String name) { throw new UnsupportedOperationException("not used by modules"); }
    @Override public Map<String, List<String>> queryParameters() { throw new UnsupportedOperationException("not used by modules"); }
    @Override public String form(String name) { throw new UnsupportedOperationException("not used by modules"); }
    @Override public Map<String, List<String>> formFields() { throw new UnsupportedOperationException("not used by modules"); }

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
        List<String> names = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            if (names.stream().noneMatch(headers.name(i)::equalsIgnoreCase)) {
                names.add(headers.name(i));
            }
        }
        return names;
    }

    @Override public String cookie(String name) { return null; }
    @Override public Map<String, String> cookies() { return Map.of(); }
    @Override public InputStream body() { return InputStream.nullInputStream(); }
    @Override public long contentLength() { return contentLength; }
    @Override public String contentType() { return null; }
    @Override public String remoteAddress() { return "127.0.0.1"; }
    @Override public boolean isLocal() { return true; }
    @Override public boolean isSecure() { return false; }
    @Override public String host() { return header("Host"); }
    @Override public String protocol() { return "HTTP/1.1"; }
    @Override public String applicationPath() { return applicationPath; }

    @Override
    public String appRelativePath() {
        return "~" + (applicationPath.equals("/") ? path : path.substring(applicationPath.length()));
    }

    @Override
    public Path physicalPath() {
        return mapper.apply(path);
    }
}
