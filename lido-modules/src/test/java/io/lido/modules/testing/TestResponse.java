package io.lido.modules.testing;

import io.lido.api.HttpCookie;
import io.lido.api.HttpResponse;
import io.lido.ipc.HeaderList;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A response for unit tests that keeps everything in memory. */
public final class TestResponse implements HttpResponse {
    private int status = 200;
    private int subStatus;
    private final HeaderList headers = new HeaderList();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    @Override public int status() { return status; }

    @Override
    public void status(int newStatus) {
        status = newStatus;
        subStatus = 0;
    }

    @Override public int subStatus() { return subStatus; }
    @Override public void subStatus(int newSubStatus) { subStatus = newSubStatus; }

    @Override public void header(String name, String value) { headers.set(name, value); }
    @Override public void addHeader(String name, String value) { headers.add(name, value); }
    @Override public void removeHeader(String name) { headers.remove(name); }
    @Override public String header(String name) { return headers.get(name); }
    @Override public List<String> headers(String name) { return headers.getAll(name); }

    @Override
    public List<String> headerNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            names.add(headers.name(i));
        }
        return names.stream().distinct().toList();
    }

    @Override public void contentType(String contentType) { header("Content-Type", contentType); }
    @Override public String contentType() { return header("Content-Type"); }
    @Override public void cookie(HttpCookie cookie) { throw new UnsupportedOperationException("not used by modules"); }
    @Override public void write(String text) { write(text.getBytes(StandardCharsets.UTF_8)); }
    @Override public void write(byte[] data) { body.writeBytes(data); }
    @Override public void write(byte[] data, int offset, int length) { body.write(data, offset, length); }
    @Override public OutputStream outputStream() { return body; }
    @Override public void redirect(String url) { redirect(url, false); }

    @Override
    public void redirect(String url, boolean permanent) {
        status(permanent ? 301 : 302);
        header("Location", url);
    }

    @Override public void flush() { }
    @Override public boolean isCommitted() { return false; }

    @Override
    public void clear() {
        headers.clear();
        body.reset();
    }

    @Override public void contentLength(long length) { header("Content-Length", Long.toString(length)); }

    public String bodyText() {
        return body.toString(StandardCharsets.UTF_8);
    }
}
