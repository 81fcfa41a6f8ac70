package io.lido.listener.testing;

import io.lido.ipc.HeaderList;
import io.lido.ipc.RequestBody;
import io.lido.ipc.RequestDispatcher;
import io.lido.ipc.RequestHead;
import io.lido.ipc.ResponseChannel;
import io.lido.ipc.ResponseHead;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * Test dispatcher answering by path on a virtual thread: {@code /echo} describes the routed request,
 * {@code /chunked} answers without Content-Length, {@code /big} sends {@code ?n} bytes, {@code /body}
 * reads the body (slowly with {@code ?slow}) and answers its length, {@code /refuse} answers 405 without
 * reading the body, {@code /wait} answers once
 * {@link #release} is counted down. Failures of the runtime side are collected in {@link #failures}.
 */
public final class ScriptedDispatcher implements RequestDispatcher {
    public final CountDownLatch release = new CountDownLatch(1);
    public final CountDownLatch waiting = new CountDownLatch(1);
    public final List<Throwable> failures = new CopyOnWriteArrayList<>();
    /** Requests the listener handed over. */
    public final java.util.concurrent.atomic.AtomicInteger dispatched = new java.util.concurrent.atomic.AtomicInteger();
    /** What {@code /file} sends, without a Content-Length (so chunked on HTTP/1.1). */
    public volatile java.nio.file.Path file;

    @Override
    public void dispatch(RequestHead head, RequestBody body, ResponseChannel response) {
        dispatched.incrementAndGet();
        Thread.ofVirtual().start(() -> {
            try {
                serve(head, body, response);
            } catch (IOException | RuntimeException | InterruptedException e) {
                failures.add(e);
                response.abort(e.toString());
            }
        });
    }

    private void serve(RequestHead head, RequestBody body, ResponseChannel response)
            throws IOException, InterruptedException {
        String path = head.path();
        if (path.endsWith("/echo")) {
            text(response, "site=" + head.siteName() + " app=" + head.applicationPath() + " path=" + path
                    + " query=" + head.query() + " method=" + head.method() + " secure=" + head.secure()
                    + " host=" + head.headers().get("Host"));
        } else if (path.endsWith("/chunked")) {
            response.sendHead(new ResponseHead(200, 0, null, new HeaderList().add("Content-Type", "text/plain"), null));
            for (String part : new String[] {"part1;", "part2;", "part3"}) {
                byte[] b = part.getBytes(StandardCharsets.US_ASCII);
                response.sendBody(b, 0, b.length);
            }
            response.end();
        } else if (path.endsWith("/file")) {
            response.sendHead(new ResponseHead(200, 0, null, new HeaderList(), null));
            byte[] before = "<".getBytes(StandardCharsets.US_ASCII);
            response.sendBody(before, 0, 1);
            response.sendFile(file, 2, java.nio.file.Files.size(file) - 4);
            response.sendBody(">".getBytes(StandardCharsets.US_ASCII), 0, 1);
            response.end();
        } else if (path.endsWith("/overlong")) {
            response.sendHead(new ResponseHead(200, 0, null, new HeaderList().add("Content-Length", "3"), null));
            response.sendBody("hello".getBytes(StandardCharsets.US_ASCII), 0, 5);
            response.end();
        } else if (path.endsWith("/headless")) {
            response.end();
        } else if (path.endsWith("/refuse")) {
            response.sendHead(new ResponseHead(405, 0, null, new HeaderList().add("Content-Length", "0"), null));
            response.end();
        } else if (path.endsWith("/nocontent")) {
            response.sendHead(new ResponseHead(204, 0, null, new HeaderList().add("Content-Length", "5"), null));
            response.sendBody("hello".getBytes(StandardCharsets.US_ASCII), 0, 5);
            response.end();
        } else if (path.endsWith("/big")) {
            int n = Integer.parseInt(head.query());
            response.sendHead(new ResponseHead(200, 0, null,
                    new HeaderList().add("Content-Length", String.valueOf(n)), null));
            byte[] piece = new byte[8192];
            java.util.Arrays.fill(piece, (byte) 'x');
            for (int sent = 0; sent < n; sent += piece.length) {
                response.sendBody(piece, 0, Math.min(piece.length, n - sent));
            }
            response.end();
        } else if (path.endsWith("/body")) {
            byte[] buffer = new byte[8192];
            long total = 0;
            int r;
            while ((r = body.read(buffer, 0, buffer.length)) >= 0) {
                total += r;
                if (head.query().equals("slow")) {
                    Thread.sleep(1);
                }
            }
            text(response, "read " + total);
        } else if (path.endsWith("/wait")) {
            waiting.countDown();
            release.await();
            text(response, "released");
        } else {
            response.sendHead(new ResponseHead(404, 0, null, new HeaderList().add("Content-Length", "0"), null));
            response.end();
        }
    }

    private static void text(ResponseChannel response, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        response.sendHead(new ResponseHead(200, 0, null, new HeaderList()
                .add("Content-Type", "text/plain").add("Content-Length", String.valueOf(bytes.length)), "tester"));
        response.sendBody(bytes, 0, bytes.length);
        response.end();
    }
}
