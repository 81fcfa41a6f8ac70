package io.lido.config.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.lido.config.internal.AttributeTypes.STRING;
import static io.lido.config.internal.AttributeTypes.enumeration;
import static io.lido.config.internal.ElementSchema.element;

/**
 * {@code system.webServer/security/authentication/*} and {@code system.webServer/security/authorization},
 * with IIS's names and defaults. Lido has anonymous and Basic authentication (Basic against an htpasswd
 * file, Lido's {@code userFile}, with roles from an htgroup file, Lido's {@code groupFile}) and IIS URL
 * Authorization. What it does not do — the other schemes, logon methods and domains, an anonymous user other
 * than the pool identity — is refused with "not supported yet", so that no administrator believes a site is
 * protected in a way it is not.
 */
final class AuthenticationSchema {
    private static final String AUTHENTICATION = "system.webServer/security/authentication/";

    private AuthenticationSchema() {
    }

    static Map<String, ElementSchema> sections() {
        Map<String, ElementSchema> s = new LinkedHashMap<>();
        // Lido serves every request as the pool identity (no per-request impersonation): IUSR and "" (the pool
        // identity, what IIS admins write) mean the same there; another account would be a lie.
        s.put(AUTHENTICATION + "anonymousAuthentication", element("anonymousAuthentication")
                .bool("enabled", true).attr("userName", STRING, "IUSR").text("password")
                .attr("logonMethod", logonMethod(), "ClearText")
                .unsupported("userName", "IUSR", "")
                .unsupportedAttributes("password", "logonMethod")
                .build());
        s.put(AUTHENTICATION + "basicAuthentication", element("basicAuthentication").bool("enabled", false)
                .text("realm", "defaultLogonDomain", "userFile", "groupFile")
                .attr("logonMethod", logonMethod(), "ClearText")
                .unsupportedAttributes("defaultLogonDomain")
                // Lido checks the password itself and logs no one on: ClearText (the default) is what it does.
                .unsupported("logonMethod", "ClearText")
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
        // IIS's key is all four attributes; a <remove> without accessType means Allow (NodeValidator).
        s.put("system.webServer/security/authorization", element("authorization")
                // Login pages belong to Forms authentication, which Lido does not have yet.
                .bool("bypassLoginPages", true).unsupported("bypassLoginPages")
                .collection(element("add").required("accessType", enumeration("Allow", "Deny"))
                        .text("users", "roles", "verbs")
                        .build(), "accessType", "users", "roles", "verbs")
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
