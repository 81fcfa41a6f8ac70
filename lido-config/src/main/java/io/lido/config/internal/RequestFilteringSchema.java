package io.lido.config.internal;

import static io.lido.config.internal.AttributeTypes.size;
import static io.lido.config.internal.ElementSchema.element;
import static io.lido.config.internal.WebServerSchema.UINT_MAX;

/**
 * {@code system.webServer/security/requestFiltering}, with IIS's schema defaults
 * (learn.microsoft.com/iis/configuration/system.webserver/security/requestfiltering).
 */
final class RequestFilteringSchema {
    private RequestFilteringSchema() {
    }

    static ElementSchema requestFiltering() {
        return element("requestFiltering")
                .bool("allowDoubleEscaping", false)
                .bool("allowHighBitCharacters", true)
                .bool("unescapeQueryString", true)
                .bool("removeServerHeader", false).unsupported("removeServerHeader")
                .child(element("requestLimits")
                        .attr("maxAllowedContentLength", size(0, UINT_MAX, "bytes"), "30000000")
                        .attr("maxUrl", size(0, UINT_MAX, "bytes"), "4096")
                        .attr("maxQueryString", size(0, UINT_MAX, "bytes"), "2048")
                        .child(element("headerLimits").collection(element("add").required("header")
                                .attr("sizeLimit", size(0, UINT_MAX, "bytes"), "0").build(), "header").build())
                        .build())
                .child(element("fileExtensions").bool("allowUnlisted", true).bool("applyToWebDAV", true)
                        .collection(element("add").required("fileExtension").bool("allowed", true).build(),
                                "fileExtension")
                        .build())
                .child(element("hiddenSegments").bool("applyToWebDAV", true)
                        .collection(element("add").required("segment").build(), "segment").build())
                .child(element("verbs").bool("allowUnlisted", true).bool("applyToWebDAV", true)
                        .collection(element("add").required("verb").bool("allowed", true).build(), "verb").build())
                .child(single("denyUrlSequences", "sequence"))
                .child(single("denyQueryStringSequences", "sequence"))
                .child(single("alwaysAllowedUrls", "url"))
                .child(single("alwaysAllowedQueryStrings", "queryString"))
                .build();
    }

    private static ElementSchema single(String name, String key) {
        return element(name).collection(element("add").required(key).build(), key).build();
    }
}
