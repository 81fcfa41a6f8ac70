package io.lido.server;

import io.lido.activation.TrustedFolder;
import io.lido.config.ServerConfig;
import io.lido.config.SiteConfig;
import io.lido.listener.log.AccessLog;
import io.lido.listener.log.ErrorLog;
import io.lido.listener.log.httperr.HttpErrorLog;
import io.lido.listener.log.w3c.W3cAccessLog;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The server's log writers: the W3C access log of every site ({@code <logFile directory>/W3SVC<id>/})
 * and the listener's httperr log ({@code <logs>/HTTPERR/}). Owned by {@link LidoServer}, which closes
 * them last so that the line of every request that finished is written.
 */
final class ServerLogs implements AutoCloseable {
    private final W3cAccessLog accessLog;
    private final HttpErrorLog errorLog;

    private ServerLogs(W3cAccessLog accessLog, HttpErrorLog errorLog) {
        this.accessLog = accessLog;
        this.errorLog = errorLog;
    }

    /**
     * Opens the logs; their folder (see {@link #httpErrParent}) is created or checked first: the host writes there,
     * often as root, so nobody else may write it (mode 751: pools' users pass through to their dumps folders).
     */
    static ServerLogs open(ServerConfig config, Clock clock) {
        TrustedFolder.ensure(httpErrParent(config), TrustedFolder.TRAVERSE);
        W3cAccessLog access = new W3cAccessLog(config.sites(), clock);
        try {
            return new ServerLogs(access, new HttpErrorLog(httpErrParent(config), clock));
        } catch (RuntimeException e) {
            access.close();
            throw e;
        }
    }

    /**
     * HTTP.sys keeps one httperr log for the machine; Lido keeps it beside the sites' logs: in the first
     * site's {@code logFile} directory, else in {@code ../logs} from the configuration file, the
     * schema's default for {@code logFile directory}.
     */
    static Path httpErrParent(ServerConfig config) {
        for (SiteConfig site : config.sites()) {
            if (site.logFile() != null && site.logFile().directory() != null) {
                return site.logFile().directory();
            }
        }
        return config.file().toAbsolutePath().getParent().resolveSibling("logs");
    }

    AccessLog accessLog() {
        return accessLog;
    }

    ErrorLog errorLog() {
        return errorLog;
    }

    @Override
    public void close() {
        try {
            accessLog.close();
        } finally {
            errorLog.close();
        }
    }
}
