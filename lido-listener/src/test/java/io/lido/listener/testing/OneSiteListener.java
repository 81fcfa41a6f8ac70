package io.lido.listener.testing;

import io.lido.config.ServerConfig;
import io.lido.listener.HttpListener;
import io.lido.listener.ListenerOptions;
import io.lido.listener.log.ListenerError;

import java.nio.file.Path;
import java.util.List;

/**
 * A started listener with one site "S" (id 7) on an ephemeral port of 127.0.0.1, answered by a
 * {@link ScriptedDispatcher} and logging into {@link RecordingLogs}: the fixture of the connection-level
 * socket tests. Close it after each test.
 */
public final class OneSiteListener implements AutoCloseable {
    public final ScriptedDispatcher dispatcher = new ScriptedDispatcher();
    public final RecordingLogs logs = new RecordingLogs();
    public final HttpListener listener;
    public final int port;

    /** @param limits the site's {@code <limits>} element, or "" */
    public OneSiteListener(Path dir, String limits, ListenerOptions options) {
        this(dir, limits, "", options);
    }

    /** @param sections more elements of applicationHost.config (e.g. {@code <system.webServer>}, {@code <location>}) */
    public OneSiteListener(Path dir, String limits, String sections, ListenerOptions options) {
        ServerConfig config = HostConfig.load(dir, HostConfig.site("S", 7, dir, "127.0.0.1:0:", limits), sections);
        listener = new HttpListener(config, (site, app) -> dispatcher, logs, logs, options);
        listener.start();
        port = listener.port("S");
    }

    /** The httperr reasons logged so far, in order. */
    public List<String> reasons() {
        return logs.errors.stream().map(ListenerError::reason).toList();
    }

    @Override
    public void close() {
        dispatcher.release.countDown();
        listener.close();
    }
}
