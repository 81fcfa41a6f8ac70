package io.lido.config.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.lido.config.internal.AttributeTypes.MINUTES;
import static io.lido.config.internal.AttributeTypes.SECONDS;
import static io.lido.config.internal.AttributeTypes.STRING;
import static io.lido.config.internal.AttributeTypes.enumeration;
import static io.lido.config.internal.AttributeTypes.integer;
import static io.lido.config.internal.AttributeTypes.longValue;
import static io.lido.config.internal.AttributeTypes.size;
import static io.lido.config.internal.ElementSchema.element;

/**
 * The ASP.NET sections ({@code system.web}, plus the top-level {@code appSettings} and
 * {@code connectionStrings}) with the .NET Framework's attribute names and defaults. Times follow
 * ASP.NET's converters: {@code sessionState/@timeout} is minutes, {@code httpRuntime/@executionTimeout}
 * seconds; both also accept a time span. What Lido does not implement yet is marked unsupported (only
 * its harmless values may be written; see ElementSchema).
 */
final class SystemWebSchema {
    private SystemWebSchema() {
    }

    static Map<String, ElementSchema> sections() {
        Map<String, ElementSchema> s = new LinkedHashMap<>();
        s.put("system.web/httpApplication", element("httpApplication").text("type").build());
        s.put("system.web/sessionState", sessionState());
        s.put("system.web/customErrors", element("customErrors")
                .attr("mode", enumeration("On", "Off", "RemoteOnly"), "RemoteOnly")
                .text("defaultRedirect")
                .attr("redirectMode", enumeration("ResponseRedirect", "ResponseRewrite"), "ResponseRedirect")
                .bool("allowNestedErrors", false)
                // Lido's error pages are system.webServer/httpErrors'; RemoteOnly is what DetailedLocalOnly does.
                .unsupportedAttributes("mode", "defaultRedirect", "redirectMode", "allowNestedErrors")
                .collection(element("error").required("statusCode", integer(100, 999)).required("redirect")
                        .unsupportedElement("ASP.NET custom error pages (use system.webServer/httpErrors)").build(),
                        "statusCode")
                .build());
        s.put("system.web/httpRuntime", element("httpRuntime")
                .attr("executionTimeout", SECONDS, "00:01:50")
                .attr("maxRequestLength", size(0, 2097151, "KB"), "4096")
                .attr("shutdownTimeout", SECONDS, "00:01:30")
                .attr("waitChangeNotification", integer(0, Integer.MAX_VALUE), "0")
                .attr("maxWaitChangeNotification", integer(0, Integer.MAX_VALUE), "0")
                .attr("delayNotificationTimeout", SECONDS, "00:00:05")
                .attr("maxUrlLength", integer(0, Integer.MAX_VALUE), "260")
                .attr("maxQueryStringLength", integer(0, Integer.MAX_VALUE), "2048")
                .attr("appRequestQueueLimit", integer(1, Integer.MAX_VALUE), "5000")
                .attr("fcnMode", enumeration("NotSet", "Default", "Disabled", "Single"), "NotSet")
                .bool("enable", true).bool("enableVersionHeader", true)
                .text("targetFramework", "requestValidationMode")
                // The body limit is requestFiltering's maxAllowedContentLength; the URL limits are maxUrl and
                // maxQueryString; the listener's queue is the pool's queueLength.
                .unsupportedAttributes("maxRequestLength", "delayNotificationTimeout", "maxUrlLength",
                        "maxQueryStringLength", "appRequestQueueLimit", "enable", "targetFramework", "shutdownTimeout",
                        "requestValidationMode")
                .build());
        s.put("system.web/compilation", element("compilation").bool("debug", false).bool("batch", true)
                .attr("defaultLanguage", STRING, "vb").text("targetFramework", "tempDirectory")
                .unsupportedAttributes("debug", "batch", "defaultLanguage", "targetFramework", "tempDirectory")
                .build());
        s.put("system.web/authentication", authentication());
        s.put("system.web/authorization", authorization());
        s.put("system.web/machineKey", element("machineKey")
                .attr("validationKey", STRING, "AutoGenerate,IsolateApps")
                .attr("decryptionKey", STRING, "AutoGenerate,IsolateApps")
                .attr("validation", enumeration("MD5", "SHA1", "3DES", "AES", "HMACSHA256", "HMACSHA384",
                        "HMACSHA512"), "HMACSHA256")
                .attr("decryption", enumeration("Auto", "DES", "3DES", "AES"), "Auto")
                .text("compatibilityMode")
                .unsupportedAttributes("validationKey", "decryptionKey", "validation", "decryption",
                        "compatibilityMode")
                .build());
        s.put("system.web/hostingEnvironment", element("hostingEnvironment")
                .bool("shadowCopyBinAssemblies", true)
                .attr("idleTimeout", MINUTES, "Infinite")
                .attr("shutdownTimeout", SECONDS, "30")
                .unsupported("idleTimeout")
                .build());
        // ASP.NET's application cache settings; maxEntries is Lido's (an entry bound the JVM can enforce exactly).
        s.put("system.web/caching/cache", element("cache")
                .bool("disableMemoryCollection", false).bool("disableExpiration", false)
                .attr("privateBytesLimit", longValue(0, Long.MAX_VALUE), "0")
                .attr("percentagePhysicalMemoryUsedLimit", integer(0, 100), "0")
                .attr("privateBytesPollTime", SECONDS, "00:02:00")
                .attr("maxEntries", integer(1, Integer.MAX_VALUE), "100000")
                .build());
        s.put("system.web/globalization", element("globalization")
                .attr("requestEncoding", STRING, "utf-8").attr("responseEncoding", STRING, "utf-8")
                .text("fileEncoding", "culture", "uiCulture")
                .unsupportedAttributes("requestEncoding", "responseEncoding", "fileEncoding", "culture", "uiCulture")
                .build());
        // lido-api has no configuration reader yet: an application could not read these.
        s.put("appSettings", element("appSettings").text("file").unsupported("file")
                .collection(element("add").required("key").text("value")
                        .unsupportedElement("application settings (lido-api cannot read them yet)").build(), "key")
                .build());
        s.put("connectionStrings", element("connectionStrings")
                .collection(element("add").required("name").text("connectionString", "providerName")
                        .unsupportedElement("connection strings (lido-api cannot read them yet)").build(), "name")
                .build());
        s.put("system.web/urlMappings", element("urlMappings").unsupportedElement("URL mappings").build());
        return s;
    }

    private static ElementSchema sessionState() {
        // No default mode: absent means "by hosting model" (StateServer for out-of-process pools, InProc for
        // in-process ones), which the runtime decides; ASP.NET's own default is InProc.
        return element("sessionState")
                .attr("mode", enumeration("Off", "InProc", "StateServer", "SQLServer", "Custom"), "")
                .attr("timeout", MINUTES, "20")
                .attr("cookieName", STRING, "ASP.NET_SessionId")
                .attr("cookieless", enumeration("UseUri", "UseCookies", "AutoDetect", "UseDeviceProfile",
                        "true", "false"), "UseCookies")
                .bool("regenerateExpiredSessionId", true)
                .attr("stateConnectionString", STRING, "tcpip=loopback:42424")
                .attr("stateNetworkTimeout", SECONDS, "10")
                .text("sqlConnectionString", "customProvider", "partitionResolverType", "sessionIDManagerType")
                .attr("cookieSameSite", enumeration("None", "Lax", "Strict", "Unspecified"), "Lax")
                .bool("useHostingIdentity", true).bool("compressionEnabled", false)
                // StateServer is the host process, not a TCP service; SQLServer and Custom modes are refused.
                .unsupportedAttributes("stateConnectionString", "stateNetworkTimeout", "sqlConnectionString",
                        "customProvider", "partitionResolverType", "sessionIDManagerType", "useHostingIdentity",
                        "compressionEnabled")
                .child(element("providers").collection(element("add").required("name").required("type")
                        .openAttributes().unsupportedElement("custom session-state providers").build(), "name").build())
                .build();
    }

    private static ElementSchema authentication() {
        var cookieless = enumeration("UseUri", "UseCookies", "AutoDetect", "UseDeviceProfile");
        ElementSchema credentials = element("credentials")
                .attr("passwordFormat", enumeration("Clear", "MD5", "SHA1", "SHA256", "SHA384", "SHA512"), "SHA1")
                .collection(new CollectionSchema(Map.of("user", element("user").required("name").text("password")
                        .build()), null, null, List.of("name"), false))
                .build();
        ElementSchema forms = element("forms")
                .attr("name", STRING, ".ASPXAUTH").attr("loginUrl", STRING, "login.aspx")
                .attr("defaultUrl", STRING, "default.aspx")
                .attr("protection", enumeration("All", "None", "Encryption", "Validation"), "All")
                .attr("timeout", MINUTES, "30").attr("path", STRING, "/")
                .bool("requireSSL", false).bool("slidingExpiration", true)
                .attr("cookieless", cookieless, "UseDeviceProfile")
                .text("domain").bool("enableCrossAppRedirects", false)
                .attr("cookieSameSite", enumeration("None", "Lax", "Strict", "Unspecified"), "Lax")
                .child(credentials)
                .unsupportedElement("forms authentication")
                .build();
        // Lido has no Windows authentication, so "None" rather than ASP.NET's "Windows" is the default.
        return element("authentication")
                .attr("mode", enumeration("None", "Windows", "Forms", "Passport", "Federated"), "None")
                .unsupported("mode")
                .child(forms)
                .build();
    }

    private static ElementSchema authorization() {
        ElementSchema allow = element("allow").text("users", "roles", "verbs").build();
        ElementSchema deny = element("deny").text("users", "roles", "verbs").build();
        // ASP.NET rules are an ordered list evaluated first match wins, the folder's own rules before its parents'
        // (an "alternate" collection); the same rule may repeat.
        return element("authorization")
                .collection(new CollectionSchema(Map.of("allow", allow, "deny", deny), null, null,
                        List.of("users", "roles", "verbs"), true, true))
                .build();
    }
}
