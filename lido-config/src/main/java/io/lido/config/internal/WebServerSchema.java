package io.lido.config.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
 * What Lido does not implement yet is marked unsupported (only its harmless values may be written; see
 * ElementSchema); the security sections are in {@link AuthenticationSchema}.
 */
final class WebServerSchema {
    static final long UINT_MAX = 4294967295L;
    private static final Set<String> STATIC_MODULE_NAMES = Set.of("staticfilemodule", "defaultdocumentmodule",
            "directorylistingmodule");
    /** IIS's static modules (served by the static file handler), or FastCgiModule alone (the FastCGI handler). */
    private static final AttributeSchema.Harmless IMPLEMENTED_MODULES = new AttributeSchema.Harmless(
            value -> ((String) value).trim().equalsIgnoreCase("FastCgiModule")
                    || Arrays.stream(((String) value).split(",")).map(m -> m.trim().toLowerCase(Locale.ROOT))
                    .allMatch(m -> m.isEmpty() || STATIC_MODULE_NAMES.contains(m)),
            "\"\", FastCgiModule, or StaticFileModule, DefaultDocumentModule, DirectoryListingModule");
    private static final AttributeSchema.Harmless READ_AND_SCRIPT = new AttributeSchema.Harmless(
            value -> !((String) value).isEmpty() && Arrays.stream(((String) value).split(","))
                    .allMatch(f -> f.equals("Read") || f.equals("Script")),
            "Read, Script or both");

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
        // Lido's native modules are built in and always loaded; IIS's globalModules load native DLLs.
        s.put("system.webServer/globalModules", element("globalModules")
                .collection(element("add").required("name").text("image", "type", "preCondition")
                        .unsupportedElement("native global modules (Lido's built-in modules are always loaded)")
                        .build(), "name")
                .unsupportedRemoval("unloading native global modules (take a module out with system.webServer/modules)")
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
        s.putAll(AuthenticationSchema.sections());
        s.putAll(IpSecuritySchema.sections());
        s.put("system.webServer/security/access", TlsSchema.access());
        s.put("system.webServer/urlCompression", element("urlCompression")
                .bool("doStaticCompression", true).bool("doDynamicCompression", true)
                .bool("dynamicCompressionBeforeCache", false)
                // Lido compresses nothing yet: "false" asks for what it does.
                .unsupported("doStaticCompression", "false").unsupported("doDynamicCompression", "false")
                .unsupported("dynamicCompressionBeforeCache")
                .build());
        s.put("system.webServer/httpCompression", element("httpCompression")
                .unsupportedElement("HTTP compression").build());
        s.put("system.webServer/caching", caching());
        s.put("system.webServer/httpLogging", element("httpLogging").bool("dontLog", false)
                .attr("selectiveLogging", enumeration("LogAll", "LogSuccessful", "LogError"), "LogAll")
                .unsupportedAttributes("dontLog", "selectiveLogging").build());
        s.put("system.webServer/tracing/traceFailedRequests", traceFailedRequests());
        s.put("system.webServer/fastCgi", FastCgiSchema.fastCgi());
        s.put("system.webServer/cgi", element("cgi").unsupportedElement("CGI").build());
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
                        // An entry without a type is served by the static file handler: naming IIS's static
                        // modules says just that, but CgiModule, IsapiModule... would serve the scripts' source as
                        // files. FastCgiModule entries go to the FastCGI handler with their scriptProcessor (the
                        // runtime refuses a scriptProcessor on any other entry).
                        .unsupported("modules", IMPLEMENTED_MODULES)
                        .unsupportedAttributes("allowPathInfo", "responseBufferLimit")
                        // IIS's own StaticFile entry writes these; Lido maps a handler without checking either.
                        .unsupported("resourceType", "Unspecified", "Either")
                        .unsupported("requireAccess", "Script", "Read")
                        .build(), "name")
                // Lido runs every handler (scripts) and serves files (read) whatever the policy says.
                .unsupported("accessPolicy", READ_AND_SCRIPT)
                .build();
    }

    private static ElementSchema staticContent() {
        return element("staticContent")
                .bool("enableDocFooter", false).text("defaultDocFooter").bool("isDocFooterFileName", false)
                .unsupportedAttributes("enableDocFooter", "defaultDocFooter", "isDocFooterFileName")
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
                .unsupportedAttributes("detailedMoreInformationLink", "allowAbsolutePathsWhenDelegated")
                .collection(element("error").required("statusCode", integer(400, 999))
                        .attr("subStatusCode", integer(-1, 999), "-1")
                        .text("path", "prefixLanguageFilePath")
                        .attr("responseMode", responseMode, "File")
                        .unsupported("prefixLanguageFilePath")
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
                        .unsupportedElement("output cache profiles")
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
                        .child(traceAreas).child(failureDefinitions)
                        .unsupportedElement("failed-request tracing").build(), "path")
                .build();
    }

    private static ElementSchema nameValueCollection(String name) {
        return element(name).collection(element("add").required("name").text("value").build(), "name").build();
    }
}
