package io.lido.listener.testing;

import io.lido.listener.HttpListener;
import io.lido.listener.log.AccessLog;
import io.lido.listener.log.ErrorLog;

import java.nio.file.Path;
import io.lido.config.ServerConfig;

/**
 * Runs the listener with {@link FolderDispatcher} on a fixed port, for the external conformance kit:
 * {@code java ... ConformanceServer /tmp/kitroot/www 18080}.
 */
public final class ConformanceServer {
    private ConformanceServer() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        ServerConfig config = HostConfig.singleSite(java.nio.file.Files.createTempDirectory("lido-listener"), "Kit", root, port);
        FolderDispatcher dispatcher = new FolderDispatcher(root);
        ErrorLog errors = args.length > 2 ? e -> System.err.println("httperr " + e) : ErrorLog.NONE;
        try (HttpListener listener = new HttpListener(config, (site, app) -> dispatcher, AccessLog.NONE, errors)) {
            listener.start();
            System.out.println("listening on " + listener.port("Kit"));
            Thread.currentThread().join();
        }
    }
}
