package io.lido.config.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.lido.config.internal.AttributeTypes.STRING;
import static io.lido.config.internal.AttributeTypes.flags;
import static io.lido.config.internal.AttributeTypes.longValue;
import static io.lido.config.internal.ElementSchema.element;
import static io.lido.config.internal.WebServerSchema.UINT_MAX;

/**
 * The TLS settings: IIS keeps certificates outside applicationHost.config (HTTP.sys's {@code netsh http sslcert}
 * table and the Centralized Certificate Store provider's registry keys); Lido models both stores as two elements of
 * its own, {@code system.applicationHost/sslCertificates} (an {@code add} per {@code ipPort} or {@code hostnamePort},
 * naming certificate files) and {@code system.applicationHost/centralCertificateStore} (a folder of
 * {@code <host>.pfx} files with one key password). The site's {@code hsts} and {@code system.webServer/security/access
 * sslFlags} are IIS 10's.
 */
final class TlsSchema {
    /** The access sslFlags a client certificate would need; Lido asks for none yet. */
    private static final String[] CLIENT_CERTIFICATE_FLAGS = {"SslNegotiateCert", "SslRequireCert", "SslMapCert"};

    private TlsSchema() {
    }

    static Map<String, ElementSchema> sections() {
        Map<String, ElementSchema> s = new LinkedHashMap<>();
        s.put("system.applicationHost/centralCertificateStore", element("centralCertificateStore")
                .bool("enabled", false)
                .attr("physicalPath", STRING, "")
                .attr("privateKeyPassword", STRING, "")
                .build());
        // ipPort "0.0.0.0:443" is every address of port 443, as in netsh; files are relative to this file's folder.
        s.put("system.applicationHost/sslCertificates", element("sslCertificates")
                .collection(element("add")
                        .text("ipPort", "hostnamePort", "certificateFile", "keyFile", "password")
                        .bool("createSelfSigned", false)
                        .build(), "ipPort", "hostnamePort")
                .build());
        return s;
    }

    /** A site's (or siteDefaults') {@code hsts}, IIS 10 version 1709's element and defaults. */
    static ElementSchema hsts() {
        return element("hsts")
                .bool("enabled", false)
                .attr("max-age", longValue(0, UINT_MAX), "0")
                .bool("includeSubDomains", false)
                .bool("preload", false)
                .bool("redirectHttpToHttps", false)
                .build();
    }

    /** {@code system.webServer/security/access}: Ssl (403.4) and Ssl128 (403.5) work; client certificates do not yet. */
    static ElementSchema access() {
        return element("access")
                .attr("sslFlags", flags("None", "Ssl", "SslNegotiateCert", "SslRequireCert", "SslMapCert", "Ssl128"),
                        "None")
                .unsupported("sslFlags", new AttributeSchema.Harmless(
                        value -> Arrays.stream(((String) value).split(",")).map(String::trim)
                                .noneMatch(f -> Arrays.stream(CLIENT_CERTIFICATE_FLAGS).anyMatch(f::equalsIgnoreCase)),
                        "None, Ssl, Ssl128 (client certificates are not supported yet)"))
                .build();
    }
}
