package io.lido.listener.testing;

import io.lido.ipc.HeaderList;
import io.lido.ipc.ResponseHead;
import io.lido.listener.HttpListener;
import io.lido.listener.ListenerOptions;
import io.lido.listener.log.AccessLog;
import io.lido.listener.log.ErrorLog;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import io.lido.config.ServerConfig;

/**
 * Measures the listener alone: every request is answered "Hello, World!" from a virtual thread, the
 * way the in-process runtime answers. {@code java ... HelloServer 18081 [ioThreads]}, then wrk.
 */
public final class HelloServer {
    private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.US_ASCII);

    private HelloServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        boolean inline = args.length > 2 && args[2].equals("inline");
        ServerConfig config = HostConfig.singleSite(java.nio.file.Files.createTempDirectory("lido-listener"), "Hello", Path.of("."), port);
        try (HttpListener listener = new HttpListener(config, (site, app) -> (head, body, response) -> {
            Runnable answer = () -> {
                response.sendHead(new ResponseHead(200, 0, null, new HeaderList(2)
                        .add("Content-Type", "text/plain").add("Content-Length", "13"), null));
                response.sendBody(HELLO, 0, HELLO.length);
                response.end();
            };
            if (inline) {
                answer.run();
            } else {
                Thread.ofVirtual().start(answer);
            }
        }, AccessLog.NONE, ErrorLog.NONE, ListenerOptions.DEFAULTS.withIoThreads(threads))) {
            listener.start();
            System.out.println("listening on " + listener.port("Hello"));
            Thread.currentThread().join();
        }
    }
}
