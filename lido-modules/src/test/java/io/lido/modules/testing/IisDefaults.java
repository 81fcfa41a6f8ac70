package io.lido.modules.testing;

import static io.lido.modules.testing.TestConfigElement.element;

/** The sections the built-in modules read, with IIS's defaults, for tests to adjust. */
public final class IisDefaults {

    private IisDefaults() {
    }

    public static TestConfigElement requestFiltering() {
        return element("requestFiltering", "allowDoubleEscaping", "false", "allowHighBitCharacters", "true",
                "unescapeQueryString", "true")
                .child(element("requestLimits", "maxAllowedContentLength", "30000000", "maxUrl", "4096",
                        "maxQueryString", "2048").child(element("headerLimits")))
                .child(element("hiddenSegments").add("segment", "web.config").add("segment", "bin")
                        .add("segment", "App_Data").add("segment", "App_Code"))
                .child(element("fileExtensions", "allowUnlisted", "true").add("fileExtension", ".config", "allowed", "false")
                        .add("fileExtension", ".jar", "allowed", "false"))
                .child(element("denyUrlSequences"))
                .child(element("verbs", "allowUnlisted", "true"))
                .child(element("denyQueryStringSequences"))
                .child(element("alwaysAllowedUrls"))
                .child(element("alwaysAllowedQueryStrings"));
    }

    public static TestConfigElement staticContent() {
        return element("staticContent")
                .child(element("clientCache", "cacheControlMode", "NoControl", "cacheControlMaxAge", "1:00:00",
                        "httpExpires", "", "cacheControlCustom", "", "setEtag", "true"));
    }

    public static TestConfigElement defaultDocument() {
        return element("defaultDocument", "enabled", "true")
                .child(element("files").add("value", "Default.htm").add("value", "index.htm")
                        .add("value", "index.html"));
    }

    public static TestConfigElement directoryBrowse() {
        return element("directoryBrowse", "enabled", "false", "showFlags", "Date, Time, Size, Extension");
    }

    public static TestConfigElement httpRedirect() {
        return element("httpRedirect", "enabled", "false", "destination", "", "exactDestination", "false",
                "childOnly", "false", "httpResponseStatus", "Found");
    }

    public static TestConfigElement httpProtocol() {
        return element("httpProtocol", "allowKeepAlive", "true")
                .child(element("customHeaders"))
                .child(element("redirectHeaders"));
    }

    public static TestConfigElement caching() {
        return element("caching", "enabled", "true", "enableKernelCache", "true", "maxCacheSize", "0",
                "maxResponseSize", "262144");
    }

    /** A configuration holding every section above. */
    public static TestWebConfig webConfig() {
        return new TestWebConfig()
                .put("system.webServer/security/requestFiltering", requestFiltering())
                .put("system.webServer/staticContent", staticContent())
                .put("system.webServer/defaultDocument", defaultDocument())
                .put("system.webServer/directoryBrowse", directoryBrowse())
                .put("system.webServer/httpRedirect", httpRedirect())
                .put("system.webServer/httpProtocol", httpProtocol())
                .put("system.webServer/caching", caching());
    }
}
