package io.lido.listener;

import io.lido.config.ServerConfig;
import io.lido.listener.testing.HostConfig;
import io.lido.listener.testing.RawHttp;
import io.lido.listener.testing.RecordingLogs;
import io.lido.listener.testing.ScriptedDispatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HttpListener#bind()} then {@link HttpListener#accept()}: the host binds before any application
 * starts, and a client that connects in between is served once the listener accepts, not routed sooner.
 */
class ListenerBindTest {
    @TempDir
    Path dir;

    @Test
    void aBoundListenerRoutesNothingUntilItAccepts() throws Exception {
        ServerConfig config = HostConfig.load(dir, HostConfig.site("Main", 1, dir, "127.0.0.1:0:", ""), "");
        ScriptedDispatcher dispatcher = new ScriptedDispatcher();
        AtomicInteger routed = new AtomicInteger();
        RecordingLogs logs = new RecordingLogs();
        HttpListener listener = new HttpListener(config, (site, app) -> {
            routed.incrementAndGet();
            return dispatcher;
        }, logs, logs);
        try {
            listener.bind();
            int port = listener.port("Main");
            try (RawHttp client = new RawHttp(port)) {
                client.send("GET /a/echo HTTP/1.1\r\nHost: x\r\n\r\n");
                Thread.sleep(300);
                assertThat(routed).as("a request routed before accept()").hasValue(0);

                listener.accept();
                assertThat(client.read().body()).contains("path=/a/echo");
                assertThat(routed).hasValue(1);
            }
        } finally {
            listener.close();
        }
    }
}
