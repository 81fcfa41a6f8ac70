package io.lido.listener.testing;

import io.lido.ipc.HeaderList;
import io.lido.ipc.RequestBody;
import io.lido.ipc.RequestDispatcher;
import io.lido.ipc.RequestHead;
import io.lido.ipc.ResponseChannel;
import io.lido.ipc.ResponseHead;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test-only dispatcher: serves GET/HEAD from a folder (index.html for folders), reads and counts the
 * body of any other method and answers "read N bytes" (200) for POST/PUT, 405 otherwise. Runs each
 * request on a virtual thread, like the in-process runtime.
 */
public final class FolderDispatcher implements RequestDispatcher {
    private final Path root;

    public FolderDispatcher(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public void dispatch(RequestHead head, RequestBody body, ResponseChannel response) {
        Thread.ofVirtual().name("test-request-" + head.id()).start(() -> {
            try {
                serve(head, body, response);
            } catch (IOException | RuntimeException e) {
                response.abort(e.toString());
            }
        });
    }

    private void serve(RequestHead head, RequestBody body, ResponseChannel response) throws IOException {
        long read = drain(body);
        switch (head.method()) {
            case "GET", "HEAD" -> file(head, response);
            case "POST", "PUT" -> text(response, 200, "read " + read + " bytes\n");
            default -> text(response, 405, "method not allowed\n");
        }
    }

    private static long drain(RequestBody body) throws IOException {
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while ((n = body.read(buffer, 0, buffer.length)) >= 0) {
            total += n;
        }
        return total;
    }

    private void file(RequestHead head, ResponseChannel response) throws IOException {
        Path file = root.resolve(head.path().substring(1)).normalize();
        if (!file.startsWith(root)) {
            text(response, 403, "outside the root\n");
            return;
        }
        if (Files.isDirectory(file)) {
            file = file.resolve("index.html");
        }
        if (!Files.isRegularFile(file)) {
            text(response, 404, "not found\n");
            return;
        }
        long size = Files.size(file);
        response.sendHead(new ResponseHead(200, 0, null, new HeaderList()
                .add("Content-Type", "application/octet-stream").add("Content-Length", String.valueOf(size)), null));
        response.sendFile(file, 0, size);
        response.end();
    }

    static void text(ResponseChannel response, int status, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        response.sendHead(new ResponseHead(status, 0, null, new HeaderList()
                .add("Content-Type", "text/plain; charset=utf-8").add("Content-Length", String.valueOf(bytes.length)),
                null));
        response.sendBody(bytes, 0, bytes.length);
        response.end();
    }
}
