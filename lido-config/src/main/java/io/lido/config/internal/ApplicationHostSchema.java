package io.lido.config.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.lido.config.internal.AttributeTypes.STRING;
import static io.lido.config.internal.AttributeTypes.TIME_OF_DAY;
import static io.lido.config.internal.AttributeTypes.TIME_SPAN;
import static io.lido.config.internal.AttributeTypes.enumeration;
import static io.lido.config.internal.AttributeTypes.flags;
import static io.lido.config.internal.AttributeTypes.integer;
import static io.lido.config.internal.AttributeTypes.longValue;
import static io.lido.config.internal.AttributeTypes.size;
import static io.lido.config.internal.ElementSchema.element;
import static io.lido.config.internal.WebServerSchema.UINT_MAX;

/**
 * The {@code system.applicationHost} sections (pools, sites, web limits) with IIS's names and
 * defaults (learn.microsoft.com/iis/configuration/system.applicationhost). Lido adds six pool
 * attributes: {@code hostingModel}, {@code jvmOptions}, {@code jvmAotCache}, {@code jvmAotTrainingUrl},
 * {@code jvmAotTrainingTime} and {@code maxConcurrentRequests}
 * (ASP.NET's maxConcurrentRequestsPerCPU, per worker process), and to webLimits the HTTP.sys timers IIS
 * sets without an attribute of their own. What Lido does not implement yet is marked unsupported (only its
 * harmless values may be written; see ElementSchema).
 */
final class ApplicationHostSchema {
    private static final String LOG_FIELDS = "Date,Time,ClientIP,UserName,SiteName,ComputerName,ServerIP,Method,"
            + "UriStem,UriQuery,HttpStatus,Win32Status,BytesSent,BytesRecv,TimeTaken,ServerPort,UserAgent,Cookie,"
            + "Referer,ProtocolVersion,Host,HttpSubStatus";
    private static final String RECYCLE_EVENTS = "Time,Requests,Schedule,Memory,IsapiUnhealthy,OnDemand,"
            + "ConfigChange,PrivateMemory";

    private ApplicationHostSchema() {
    }

    static Map<String, ElementSchema> sections() {
        Map<String, ElementSchema> s = new LinkedHashMap<>();
        s.put("system.applicationHost/applicationPools", element("applicationPools")
                .child(pool("applicationPoolDefaults", false))
                .collection(pool("add", true), "name")
                .build());
        s.put("system.applicationHost/sites", sites());
        // Lido's: the management service (IIS's WMSvc listens on 8172): the Prometheus metrics endpoint, on a
        // loopback address only until it speaks HTTPS; requests need the token in work/management.token.
        s.put("system.applicationHost/managementService", element("managementService")
                .bool("enabled", false)
                .attr("bindingInformation", STRING, "127.0.0.1:8172")
                .bool("enableRemoteConnections", false)
                .unsupported("enableRemoteConnections", "false")
                .build());
        // Lido's: the two certificate stores IIS keeps outside applicationHost.config (see TlsSchema).
        s.putAll(TlsSchema.sections());
        s.put("system.applicationHost/webLimits", element("webLimits")
                .attr("connectionTimeout", TIME_SPAN, "00:02:00")
                .attr("headerWaitTimeout", TIME_SPAN, "00:00:00")
                .attr("minBytesPerSecond", longValue(0, UINT_MAX), "240")
                // Lido's: HTTP.sys timers IIS sets from the site's connectionTimeout (0 = that), and the
                // read-ahead IIS has in serverRuntime
                .attr("entityBodyTimeout", TIME_SPAN, "00:00:00")
                .attr("drainEntityBodyTimeout", TIME_SPAN, "00:00:00")
                .attr("uploadReadAheadSize", integer(0, 16 * 1024 * 1024), "49152")
                .attr("maxGlobalBandwidth", longValue(0, UINT_MAX), "4294967295")
                .attr("demandStartThreshold", integer(0, Integer.MAX_VALUE), "2147483647")
                .attr("dynamicIdleThreshold", integer(0, 10000), "0")
                .unsupportedAttributes("maxGlobalBandwidth", "demandStartThreshold", "dynamicIdleThreshold")
                .build());
        return s;
    }

    private static ElementSchema pool(String name, boolean named) {
        ElementSchema.Builder b = element(name);
        if (named) {
            b.required("name");
        }
        return b.attr("queueLength", integer(10, 65535), "1000")
                .bool("autoStart", true)
                .attr("startMode", enumeration("OnDemand", "AlwaysRunning"), "OnDemand")
                .attr("managedPipelineMode", enumeration("Integrated", "Classic"), "Integrated")
                .text("managedRuntimeVersion", "CLRConfigFile")
                // The CLR version means nothing to a JVM pool: IIS's two usual values change nothing.
                .unsupported("managedRuntimeVersion", "", "v4.0")
                .unsupported("CLRConfigFile")
                .bool("enableConfigurationOverride", true).unsupported("enableConfigurationOverride")
                .attr("hostingModel", enumeration("outOfProcess", "inProcess"), "outOfProcess")
                .text("jvmOptions")
                .bool("jvmAotCache", true)
                .text("jvmAotTrainingUrl")
                .attr("jvmAotTrainingTime", TIME_SPAN, "00:00:20")
                .attr("maxConcurrentRequests", integer(1, 65535), "5000")
                .child(processModel())
                .child(recycling())
                .child(element("failure")
                        .bool("rapidFailProtection", true)
                        .attr("rapidFailProtectionInterval", TIME_SPAN, "00:05:00")
                        .attr("rapidFailProtectionMaxCrashes", integer(1, Integer.MAX_VALUE), "5")
                        .attr("loadBalancerCapabilities", enumeration("TcpLevel", "HttpLevel"), "HttpLevel")
                        .bool("orphanWorkerProcess", false)
                        .text("orphanActionExe", "orphanActionParams", "autoShutdownExe", "autoShutdownParams")
                        .unsupportedAttributes("loadBalancerCapabilities", "orphanWorkerProcess", "orphanActionExe",
                                "orphanActionParams", "autoShutdownExe", "autoShutdownParams")
                        .build())
                .child(element("cpu")
                        .attr("limit", longValue(0, 100000), "0")
                        .attr("action", enumeration("NoAction", "KillW3wp", "Throttle", "ThrottleUnderLoad"), "NoAction")
                        .attr("resetInterval", TIME_SPAN, "00:05:00")
                        .unsupportedAttributes("limit", "action", "resetInterval")
                        .build())
                .child(element("environmentVariables")
                        .collection(element("add").required("name").text("value").build(), "name").build())
                .build();
    }

    private static ElementSchema processModel() {
        return element("processModel")
                .attr("identityType", enumeration("LocalSystem", "LocalService", "NetworkService", "SpecificUser",
                        "ApplicationPoolIdentity"), "ApplicationPoolIdentity")
                .text("userName", "password")
                .attr("logonType", enumeration("LogonBatch", "LogonService"), "LogonBatch")
                .bool("loadUserProfile", false)
                .attr("idleTimeout", TIME_SPAN, "00:20:00")
                .attr("idleTimeoutAction", enumeration("Terminate", "Suspend"), "Terminate")
                .attr("maxProcesses", integer(0, Integer.MAX_VALUE), "1")
                .bool("pingingEnabled", true)
                .attr("pingInterval", TIME_SPAN, "00:00:30")
                .attr("pingResponseTime", TIME_SPAN, "00:01:30")
                .attr("startupTimeLimit", TIME_SPAN, "00:01:30")
                .attr("shutdownTimeLimit", TIME_SPAN, "00:01:30")
                .attr("logEventOnProcessModel", flags("IdleTimeout"), "IdleTimeout")
                // A SpecificUser pool runs as that account (root switches to it): no password is needed or used.
                .unsupportedAttributes("password", "logonType", "loadUserProfile", "idleTimeoutAction",
                        "logEventOnProcessModel")
                .build();
    }

    private static ElementSchema recycling() {
        ElementSchema schedule = element("schedule")
                .collection(element("add").required("value", TIME_OF_DAY).build(), "value").build();
        return element("recycling")
                .bool("disallowOverlappingRotation", false)
                .bool("disallowRotationOnConfigChange", false)
                .attr("logEventOnRecycle", flags(RECYCLE_EVENTS.split(",")), RECYCLE_EVENTS)
                .unsupported("logEventOnRecycle")
                .child(element("periodicRestart")
                        .attr("time", TIME_SPAN, "29:00:00")
                        .attr("requests", longValue(0, UINT_MAX), "0")
                        .attr("memory", size(0, UINT_MAX, "KB"), "0")
                        .attr("privateMemory", size(0, UINT_MAX, "KB"), "0")
                        .child(schedule)
                        .build())
                .build();
    }

    private static ElementSchema sites() {
        return element("sites")
                .child(siteDefaults())
                .child(element("applicationDefaults").text("applicationPool")
                        .attr("enabledProtocols", STRING, "http").unsupported("enabledProtocols")
                        .bool("preloadEnabled", false).build())
                .collection(new CollectionSchema(Map.of("site", site()), "remove", "clear", List.of("name"), false))
                .build();
    }

    private static ElementSchema siteDefaults() {
        return element("siteDefaults").bool("serverAutoStart", true)
                .child(TlsSchema.hsts())
                .child(limits()).child(logFile()).child(traceFailedRequestsLogging()).build();
    }

    private static ElementSchema site() {
        // sslFlags as IIS 10 has them: 1 SNI, 2 central certificate store, 4 no HTTP/2, 8 no OCSP stapling,
        // 16 no QUIC, 32 no TLS 1.3, 64 no legacy TLS. Lido staples no OCSP and speaks no QUIC or HTTP/2 yet, so
        // 4, 8 and 16 ask for what it does; 64 too (it never offers TLS 1.0 or 1.1).
        ElementSchema binding = element("binding").required("protocol", enumeration("http", "https"))
                .required("bindingInformation").attr("sslFlags", integer(0, 127), "0").build();
        ElementSchema virtualDirectory = element("virtualDirectory").required("path").required("physicalPath")
                .text("userName", "password")
                .attr("logonMethod", enumeration("Interactive", "Batch", "Network", "ClearText"), "ClearText")
                .unsupportedAttributes("userName", "password", "logonMethod")
                .build();
        ElementSchema application = element("application").required("path").text("applicationPool")
                .attr("enabledProtocols", STRING, "http").bool("preloadEnabled", false)
                .bool("serviceAutoStartEnabled", false).text("serviceAutoStartProvider")
                .unsupportedAttributes("enabledProtocols", "serviceAutoStartEnabled", "serviceAutoStartProvider")
                .collection(new CollectionSchema(Map.of("virtualDirectory", virtualDirectory), "remove", "clear",
                        List.of("path"), false))
                .build();
        return element("site").required("name").required("id", longValue(1, UINT_MAX))
                .bool("serverAutoStart", true)
                .child(element("bindings").collection(new CollectionSchema(Map.of("binding", binding), "remove",
                        "clear", List.of("protocol", "bindingInformation"), false)).build())
                .child(TlsSchema.hsts())
                .child(limits()).child(logFile()).child(traceFailedRequestsLogging())
                .collection(new CollectionSchema(Map.of("application", application), "remove", "clear",
                        List.of("path"), false))
                .build();
    }

    private static ElementSchema limits() {
        return element("limits")
                .attr("connectionTimeout", TIME_SPAN, "00:02:00")
                .attr("maxConnections", longValue(0, UINT_MAX), "4294967295")
                .attr("maxBandwidth", longValue(0, UINT_MAX), "4294967295")
                .attr("maxUrlSegments", integer(0, 16383), "32")
                .unsupportedAttributes("maxBandwidth", "maxUrlSegments")
                .build();
    }

    private static ElementSchema logFile() {
        // IIS logs to %SystemDrive%\inetpub\logs\LogFiles; Lido's default is the distribution's logs/.
        return element("logFile")
                .attr("directory", STRING, "../logs")
                .attr("period", enumeration("MaxSize", "Daily", "Weekly", "Monthly", "Hourly"), "Daily")
                .attr("logFormat", enumeration("IIS", "NCSA", "W3C", "Custom"), "W3C")
                .bool("enabled", true)
                .attr("truncateSize", longValue(1048576, UINT_MAX), "20971520")
                .bool("localTimeRollover", false)
                .attr("logExtFileFlags", flags(LOG_FIELDS.split(",")), "Date,Time,ClientIP,UserName,ServerIP,"
                        + "Method,UriStem,UriQuery,TimeTaken,HttpStatus,Win32Status,ServerPort,UserAgent,"
                        + "HttpSubStatus,Referer")
                .bool("logSiteId", true)
                // Lido writes W3C, UTC roll-over, MaxSize files of the default size, every field but cs(Cookie).
                .unsupportedAttributes("logFormat", "truncateSize", "localTimeRollover", "logSiteId")
                .unsupported("logExtFileFlags", new AttributeSchema.Harmless(
                        value -> !(value instanceof String flags) || Arrays.stream(flags.split(","))
                                .noneMatch(flag -> flag.trim().equalsIgnoreCase("Cookie")),
                        "any of " + LOG_FIELDS.replace(",Cookie", "")))
                .build();
    }

    private static ElementSchema traceFailedRequestsLogging() {
        return element("traceFailedRequestsLogging").bool("enabled", false)
                .attr("directory", STRING, "../logs/FailedReqLogFiles")
                .attr("maxLogFiles", integer(1, 10000), "50")
                .attr("maxLogFileSizeKB", size(0, UINT_MAX, "KB"), "1024")
                .unsupportedAttributes("enabled", "directory", "maxLogFiles", "maxLogFileSizeKB")
                .build();
    }
}
