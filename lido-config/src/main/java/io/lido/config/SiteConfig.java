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
        SourceLocation location,
        Hsts hsts) {

    /** A site without HSTS. */
    public SiteConfig(String name, long id, boolean serverAutoStart, List<Binding> bindings,
                      List<Application> applications, Limits limits, LogFile logFile, SourceLocation location) {
        this(name, id, serverAutoStart, bindings, applications, limits, logFile, location, Hsts.OFF);
    }

    /**
     * {@code bindings/binding}: {@code bindingInformation="IP:port:host"}.
     *
     * @param protocol "http" (or "https")
     * @param ip       "*" for every address, else a literal IP
     * @param port     the TCP port (0 in tests asks for an ephemeral port)
     * @param host     the host name to match, lower case, or "" for any host
     * @param sslFlags IIS's bits: {@link #SNI} 1, {@link #CENTRAL_CERTIFICATE_STORE} 2, 4 no HTTP/2, 8 no OCSP
     *                 stapling, 16 no QUIC, {@link #NO_TLS13} 32, 64 no legacy TLS
     */
    public record Binding(String protocol, String ip, int port, String host, SourceLocation location, int sslFlags) {
        public static final int SNI = 1;
        public static final int CENTRAL_CERTIFICATE_STORE = 2;
        public static final int NO_HTTP2 = 4;
        public static final int NO_TLS13 = 32;

        /** A binding with sslFlags 0. */
        public Binding(String protocol, String ip, int port, String host, SourceLocation location) {
            this(protocol, ip, port, host, location, 0);
        }

        /** Whether the binding is TLS. */
        public boolean secure() {
            return protocol.equalsIgnoreCase("https");
        }
    }

    /**
     * {@code hsts} (IIS 10 1709): a {@code Strict-Transport-Security} field on https responses when enabled with a
     * max-age, and with {@code redirectHttpToHttps} a 301 from http to the site's https binding.
     */
    public record Hsts(boolean enabled, long maxAge, boolean includeSubDomains, boolean preload,
                       boolean redirectHttpToHttps) {
        public static final Hsts OFF = new Hsts(false, 0, false, false, false);

        /** The Strict-Transport-Security value, or null when the site sends none (RFC 6797 §6.1). */
        public String headerValue() {
            if (!enabled) {
                return null;
            }
            return "max-age=" + maxAge + (includeSubDomains ? "; includeSubDomains" : "") + (preload ? "; preload" : "");
        }
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
