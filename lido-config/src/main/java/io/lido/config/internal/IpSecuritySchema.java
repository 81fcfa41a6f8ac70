package io.lido.config.internal;

import io.lido.config.ConfigException;
import io.lido.config.IpNetwork;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.lido.config.internal.AttributeTypes.STRING;
import static io.lido.config.internal.AttributeTypes.enumeration;
import static io.lido.config.internal.AttributeTypes.longValue;
import static io.lido.config.internal.ElementSchema.element;

/**
 * {@code system.webServer/security/ipSecurity} and {@code dynamicIpSecurity} (IIS's "IP and Domain
 * Restrictions" role service), with IIS's names and defaults
 * (learn.microsoft.com/iis/configuration/system.webserver/security/ipsecurity and .../dynamicipsecurity).
 * Both are locked at server level by default, as IIS's schema says ({@code overrideModeDefault="Deny"}):
 * see {@link SectionRegistry}. The listener enforces them, before a request reaches a pool.
 *
 * <p>Not supported yet, so refused: {@code enableReverseDns} and {@code domainName} entries (they need a DNS
 * lookup per client, which IIS itself warns against).
 */
final class IpSecuritySchema {
    static final String IP_SECURITY = "system.webServer/security/ipSecurity";
    static final String DYNAMIC_IP_SECURITY = "system.webServer/security/dynamicIpSecurity";
    private static final long UINT_MAX = WebServerSchema.UINT_MAX;

    private IpSecuritySchema() {
    }

    static Map<String, ElementSchema> sections() {
        Map<String, ElementSchema> s = new LinkedHashMap<>();
        s.put(IP_SECURITY, element("ipSecurity")
                .bool("allowUnlisted", true)
                .attr("denyAction", denyAction(), "Forbidden")
                .bool("enableProxyMode", false)
                .bool("enableReverseDns", false).unsupported("enableReverseDns")
                .collection(element("add").attr("ipAddress", STRING, "")
                        .attr("subnetMask", STRING, IpNetwork.SINGLE_ADDRESS_MASK)
                        .text("domainName").unsupported("domainName")
                        .bool("allowed", false)
                        .check(IpSecuritySchema::checkEntry)
                        .build(), "ipAddress", "subnetMask", "domainName")
                .build());
        s.put(DYNAMIC_IP_SECURITY, element("dynamicIpSecurity")
                .attr("denyAction", denyAction(), "Forbidden")
                .bool("enableProxyMode", false)
                .bool("enableLoggingOnlyMode", false)
                .child(element("denyByConcurrentRequests").bool("enabled", false)
                        .attr("maxConcurrentRequests", longValue(1, UINT_MAX), "5").build())
                .child(element("denyByRequestRate").bool("enabled", false)
                        .attr("maxRequests", longValue(1, UINT_MAX), "20")
                        .attr("requestIntervalInMilliseconds", longValue(1, UINT_MAX), "200").build())
                .build());
        return s;
    }

    private static AttributeType denyAction() {
        return enumeration("AbortRequest", "Unauthorized", "Forbidden", "NotFound");
    }

    /** An entry's address and mask must make a network: checked here, so the listener never meets a bad one. */
    private static void checkEntry(ConfigNode node) {
        ConfigNode.Value address = node.attributes().get("ipAddress");
        if (address == null || address.text().isEmpty()) {
            throw new ConfigException(node.location(), node.describe() + " attribute \"ipAddress\" is required "
                    + "(domainName entries are not supported yet)");
        }
        try {
            IpNetwork.parse(address.text(), IpNetwork.SINGLE_ADDRESS_MASK);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(node.location(), node.describe() + " attribute \"ipAddress\": \""
                    + address.text() + "\" " + e.getMessage());
        }
        ConfigNode.Value mask = node.attributes().get("subnetMask");
        if (mask != null) {
            try {
                IpNetwork.parse(address.text(), mask.text());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(node.location(), node.describe() + " attribute \"subnetMask\": \""
                        + mask.text() + "\" " + e.getMessage());
            }
        }
    }
}
