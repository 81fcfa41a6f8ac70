package io.lido.config.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.lido.config.internal.AttributeTypes.STRING;
import static io.lido.config.internal.AttributeTypes.TIME_SPAN;
import static io.lido.config.internal.AttributeTypes.enumeration;
import static io.lido.config.internal.AttributeTypes.flags;
import static io.lido.config.internal.AttributeTypes.integer;
import static io.lido.config.internal.AttributeTypes.longValue;
import static io.lido.config.internal.AttributeTypes.size;
import static io.lido.config.internal.ElementSchema.element;

/**
 * The {@code system.webServer} sections Lido understands, with IIS's attribute names and schema
 * defaults (IIS_schema.xml, as documented under learn.microsoft.com/iis/configuration/system.webserver).
 */
final class WebServerSchema {
    static final long UINT_MAX = 4294967295L;

    private WebServerSchema() {
    }

    /** Section path (e.g. "system.webServer/handlers") to its schema. */
    static Map<String, ElementSchema> sections() {
        Map<String, ElementSchema> s = new LinkedHashMap<>();
        s.put("system.webServer/handlers", handlers());
        s.put("system.webServer/modules", element("modules")
                .bool("runAllManagedModulesForAllRequests", false)
                .bool("runManagedModulesForWebDavRequests", false)
                .collection(element("add").required("name").text("type", "preCondition").build(), "name")
                .build());
        s.put("system.webServer/globalModules", element("globalModules")
                .collection(element("add").required("name").text("image", "type", "preCondition").build(), "name")
                .build());
        s.put("system.webServer/defaultDocument", element("defaultDocument").bool("enabled", true)
                .child(element("files").collection(element("add").required("value").build(), "value").build())
                .build());
        s.put("system.webServer/directoryBrowse", element("directoryBrowse").bool("enabled", false)
                .attr("showFlags", flags("None", "Date", "Time", "Size", "Extension", "LongDate"),
                        "Date,Time,Size,Extension")
                .build());
        s.put("system.webServer/staticContent", staticContent());
        s.put("system.webServer/httpErrors", httpErrors());
        s.put("system.webServer/httpRedirect", element("httpRedirect").bool("enabled", false)
                .text("destination").bool("exactDestination", false).bool("childOnly", false)
                .attr("httpResponseStatus", enumeration("Permanent", "Found", "Temporary", "PermRedirect"), "Found")
                .collection(element("add").required("wildcard").required("destination").build(), "wildcard")
                .build());
        s.put("system.webServer/httpProtocol", element("httpProtocol").bool("allowKeepAlive", true)
                .child(nameValueCollection("customHeaders"))
                .child(nameValueCollection("redirectHeaders"))
                .build());
        s.put("system.webServer/security/requestFiltering", RequestFilteringSchema.requestFiltering());
        s.put("system.webServer/security/authentication/anonymousAuthentication",
                element("anonymousAuthentication").bool("enabled", true)
                        .attr("userName", STRING, "IUSR").text("password")
                        .attr("logonMethod", logonMethod(), "ClearText").build());
        s.put("system.webServer/security/authentication/basicAuthentication",
                element("basicAuthentication").bool("enabled", false).text("realm", "defaultLogonDomain")
                        .attr("logonMethod", logonMethod(), "ClearText").build());
        s.put("system.webServer/security/authorization", element("authorization")
                .bool("bypassLoginPages", true)
                .collection(element("add").required("accessType", enumeration("Allow", "Deny"))
                        .text("users", "roles", "verbs").build(), "accessType", "users", "roles", "verbs")
                .build());
        s.put("system.webServer/urlCompression", element("urlCompression")
                .bool("doStaticCompression", true).bool("doDynamicCompression", true)
                .bool("dynamicCompressionBeforeCache", false).build());
        s.put("system.webServer/caching", caching());
        s.put("system.webServer/httpLogging", element("httpLogging").bool("dontLog", false)
                .attr("selectiveLogging", enumeration("LogAll", "LogSuccessful", "LogError"), "LogAll").build());
        s.put("system.webServer/tracing/traceFailedRequests", traceFailedRequests());
        s.put("system.webServer/validation", element("validation")
                .bool("validateIntegratedModeConfiguration", true).build());
        return s;
    }

    private static ElementSchema handlers() {
        String access = "None,Read,Write,Script,Execute,Source,NoRemoteRead,NoRemoteWrite,NoRemoteScript,NoRemoteExecute";
        return element("handlers")
                .attr("accessPolicy", flags(access.split(",")), "Read")
                .collection(element("add").required("name").required("path").required("verb")
                        .text("type", "modules", "scriptProcessor", "preCondition")
                        .attr("resourceType", enumeration("File", "Directory", "Either", "Unspecified"), "Unspecified")
                        .attr("requireAccess", enumeration("None", "Read", "Write", "Script", "Execute"), "Script")
                        .bool("allowPathInfo", false)
                        .attr("responseBufferLimit", size(0, UINT_MAX, "bytes"), "4194304")
                        .build(), "name")
                .build();
    }

    private static ElementSchema staticContent() {
        return element("staticContent")
                .bool("enableDocFooter", false).text("defaultDocFooter").bool("isDocFooterFileName", false)
                .child(element("clientCache")
                        .attr("cacheControlMode", enumeration("NoControl", "DisableCache", "UseMaxAge", "UseExpires"),
                                "NoControl")
                        .attr("cacheControlMaxAge", TIME_SPAN, "1.00:00:00")
                        .text("httpExpires", "cacheControlCustom")
                        .bool("setEtag", true)
                        .build())
                .collection(element("mimeMap").required("fileExtension").required("mimeType").build(), "fileExtension")
                .build();
    }

    private static ElementSchema httpErrors() {
        var responseMode = enumeration("File", "ExecuteURL", "Redirect");
        return element("httpErrors")
                .attr("errorMode", enumeration("DetailedLocalOnly", "Custom", "Detailed"), "DetailedLocalOnly")
                .attr("existingResponse", enumeration("Auto", "Replace", "PassThrough"), "Auto")
                .attr("defaultResponseMode", responseMode, "File")
                .text("defaultPath", "detailedMoreInformationLink")
                .bool("allowAbsolutePathsWhenDelegated", false)
                .collection(element("error").required("statusCode", integer(400, 999))
                        .attr("subStatusCode", integer(-1, 999), "-1")
                        .text("path", "prefixLanguageFilePath")
                        .attr("responseMode", responseMode, "File")
                        .build(), "statusCode", "subStatusCode")
                .build();
    }

    private static ElementSchema caching() {
        var policy = enumeration("DontCache", "CacheUntilChange", "CacheForTimePeriod", "DisableCache");
        return element("caching").bool("enabled", true).bool("enableKernelCache", true)
                .attr("maxCacheSize", size(0, UINT_MAX, "MB"), "0")
                .attr("maxResponseSize", size(0, UINT_MAX, "bytes"), "262144")
                .child(element("profiles").collection(element("add").required("extension")
                        .attr("policy", policy, "DontCache")
                        .attr("kernelCachePolicy", policy, "DontCache")
                        .attr("duration", TIME_SPAN, "00:00:30")
                        .attr("location", enumeration("Any", "Client", "Downstream", "Server", "None",
                                "ServerAndClient"), "Any")
                        .text("varyByHeaders", "varyByQueryString")
                        .build(), "extension").build())
                .build();
    }

    private static ElementSchema traceFailedRequests() {
        var verbosity = enumeration("General", "CriticalError", "Error", "Warning", "Information", "Verbose");
        ElementSchema traceAreas = element("traceAreas").collection(element("add").required("provider")
                .text("areas").attr("verbosity", verbosity, "Verbose").build(), "provider").build();
        ElementSchema failureDefinitions = element("failureDefinitions").text("statusCodes")
                .attr("timeTaken", TIME_SPAN, "00:00:00")
                .attr("verbosity", enumeration("Ignore", "CriticalError", "Error", "Warning"), "Ignore")
                .bool("traceAllAfterTimeout", false).build();
        return element("traceFailedRequests")
                .collection(element("add").required("path").text("customActionExe", "customActionParams")
                        .attr("customActionTriggerLimit", longValue(0, UINT_MAX), "1")
                        .child(traceAreas).child(failureDefinitions).build(), "path")
                .build();
    }

    private static ElementSchema nameValueCollection(String name) {
        return element(name).collection(element("add").required("name").text("value").build(), "name").build();
    }

    private static AttributeType logonMethod() {
        return enumeration("Interactive", "Batch", "Network", "ClearText");
    }
}
