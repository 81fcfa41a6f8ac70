package io.lido.runtime;

/**
 * Why an application's domain is replaced or unloaded, after ASP.NET's {@code ApplicationShutdownReason}.
 * {@link #logText()} is what the restart log line says ("Application /x restarting: bin change").
 */
public enum RestartReason {
    /** The application's web.config changed (ASP.NET: ConfigurationChange). */
    CONFIGURATION_CHANGE("configuration change"),
    /** A file in the application's bin folder changed (ASP.NET: BinDirChangeOrDirectoryRename). */
    BIN_CHANGE("bin change"),
    /**
     * A web application changed: its {@code .war} file, or in an unpacked one {@code WEB-INF/web.xml} or any entry
     * directly in {@code WEB-INF/} or {@code WEB-INF/lib/} (what Tomcat watches by default).
     */
    WEB_APPLICATION_CHANGE("web application change"),
    /** An operator asked for it, e.g. {@code lido recycle app} (ASP.NET: UnloadAppDomainCalled). */
    MANUAL("manual"),
    /** app_offline.htm appeared or disappeared in the application root. */
    APP_OFFLINE("app_offline.htm"),
    /** The runtime is shutting down (ASP.NET: HostingEnvironment). */
    SHUTDOWN("shutdown");

    private final String logText;

    RestartReason(String logText) {
        this.logText = logText;
    }

    /** The reason as the log lines word it. */
    public String logText() {
        return logText;
    }
}
