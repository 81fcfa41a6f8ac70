package io.lido.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** One {@code sites/site} with its bindings, applications, limits and log file settings. */
public record SiteConfig(
        String name,
        long id,
        boolean serverAutoStart,
        List<Binding> bindings,
        List<Application> applications,
        Limits limits,
        LogFile logFile,
        SourceLocation location) {

    /**
     * {@code bindings/binding}: {@code bindingInformation="IP:port:host"}.
     *
     * @param protocol "http" (or "https")
     * @param ip       "*" for every address, else a literal IP
     * @param port     the TCP port (0 in tests asks for an ephemeral port)
     * @param host     the host name to match, lower case, or "" for any host
     */
    public record Binding(String protocol, String ip, int port, String host, SourceLocation location) {
    }

    /** {@code application}: its virtual path ("/" or "/app"), pool and virtual directories. */
    public record Application(
            String path,
            String applicationPool,
            boolean preloadEnabled,
            List<VirtualDirectory> virtualDirectories,
            SourceLocation location) {

        /** The root virtual directory ("/") of the application. */
        public VirtualDirectory rootDirectory() {
            for (VirtualDirectory vd : virtualDirectories) {
                if (vd.path().equals("/")) {
                    return vd;
                }
            }
            throw new IllegalStateException("application " + path + " has no root virtual directory");
        }
    }

    /** {@code virtualDirectory}: a path relative to its application, mapped to an absolute folder. */
    public record VirtualDirectory(String path, Path physicalPath, SourceLocation location) {
    }

    /** {@code limits}. */
    public record Limits(Duration connectionTimeout, long maxConnections, long maxBandwidth) {
    }

    /**
     * {@code logFile}; {@code directory} is absolute; {@code logExtFileFlags} the W3C fields, comma separated
     * (IIS's flag names).
     */
    public record LogFile(Path directory, String period, String logFormat, boolean enabled, String logExtFileFlags) {
        /** IIS's default {@code logExtFileFlags}. */
        public static final String DEFAULT_FLAGS = "Date,Time,ClientIP,UserName,ServerIP,Method,UriStem,UriQuery,"
                + "TimeTaken,HttpStatus,Win32Status,ServerPort,UserAgent,HttpSubStatus,Referer";

        /** With IIS's default fields. */
        public LogFile(Path directory, String period, String logFormat, boolean enabled) {
            this(directory, period, logFormat, enabled, DEFAULT_FLAGS);
        }
    }
}
