package io.lido.config.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.lido.config.internal.AttributeTypes.STRING;
import static io.lido.config.internal.AttributeTypes.enumeration;
import static io.lido.config.internal.ElementSchema.element;

/**
 * {@code system.webServer/security/authentication/*} and {@code system.webServer/security/authorization},
 * with IIS's names and defaults. Lido authenticates no one yet and serves every request anonymously,
 * so only what keeps it that way may be written: anonymous authentication enabled, the other schemes
 * disabled, and IIS's default rule (allow all users). Anything else, which an administrator would
 * believe protects a site, is refused with "not supported yet".
 */
final class AuthenticationSchema {
    private static final String AUTHENTICATION = "system.webServer/security/authentication/";

    private AuthenticationSchema() {
    }

    static Map<String, ElementSchema> sections() {
        Map<String, ElementSchema> s = new LinkedHashMap<>();
        // userName="" (the pool identity) is what IIS admins write; Lido serves files as the pool identity.
        s.put(AUTHENTICATION + "anonymousAuthentication", element("anonymousAuthentication")
                .bool("enabled", true).attr("userName", STRING, "IUSR").text("password")
                .attr("logonMethod", logonMethod(), "ClearText")
                .unsupported("enabled").unsupported("userName", "IUSR", "")
                .unsupportedAttributes("password", "logonMethod")
                .build());
        s.put(AUTHENTICATION + "basicAuthentication", disabledScheme("basicAuthentication")
                .text("realm", "defaultLogonDomain").attr("logonMethod", logonMethod(), "ClearText")
                .unsupportedAttributes("realm", "defaultLogonDomain", "logonMethod")
                .build());
        s.put(AUTHENTICATION + "windowsAuthentication", disabledScheme("windowsAuthentication")
                .bool("authPersistSingleRequest", false).bool("authPersistNonNTLM", true)
                .bool("useKernelMode", true).bool("useAppPoolCredentials", false)
                .unsupportedAttributes("authPersistSingleRequest", "authPersistNonNTLM", "useKernelMode",
                        "useAppPoolCredentials")
                .child(element("providers").unsupportedElement("Windows authentication").build())
                .child(element("extendedProtection").unsupportedElement("Windows authentication").build())
                .build());
        s.put(AUTHENTICATION + "digestAuthentication", disabledScheme("digestAuthentication")
                .text("realm").unsupported("realm").build());
        s.put(AUTHENTICATION + "clientCertificateMappingAuthentication",
                disabledScheme("clientCertificateMappingAuthentication").build());
        s.put("system.webServer/security/authorization", element("authorization")
                .bool("bypassLoginPages", true).unsupported("bypassLoginPages")
                .collection(element("add").required("accessType", enumeration("Allow", "Deny"))
                        .text("users", "roles", "verbs")
                        .unsupported("accessType", "Allow").unsupported("users", "*")
                        .unsupportedAttributes("roles", "verbs")
                        .build(), "accessType", "users", "roles", "verbs")
                .unsupportedRemoval("URL authorization (Lido has only IIS's default rule, allow all users)")
                .build());
        return s;
    }

    /** An authentication scheme Lido does not have: {@code enabled="false"} (the default) is all it accepts. */
    private static ElementSchema.Builder disabledScheme(String name) {
        return element(name).bool("enabled", false).unsupported("enabled");
    }

    private static AttributeType logonMethod() {
        return enumeration("Interactive", "Batch", "Network", "ClearText");
    }
}
