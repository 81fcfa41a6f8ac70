package io.lido.listener.ipsecurity;

import io.lido.config.ConfigElement;
import io.lido.config.IpNetwork;

import java.util.ArrayList;
import java.util.List;

/**
 * The effective {@code system.webServer/security/ipSecurity} of a URL: entries in order (the first whose
 * network holds the address decides, as in IIS's ordered list), then {@code allowUnlisted} for the rest.
 *
 * @param proxyMode {@code enableProxyMode}: the addresses in X-Forwarded-For are checked too, and any denied
 *                  one denies the request
 */
public record IpSecurityRules(boolean allowUnlisted, DenyAction denyAction, boolean proxyMode, List<Entry> entries) {

    /** One {@code add}: a network and whether it is allowed. */
    public record Entry(IpNetwork network, boolean allowed) {
    }

    /** Nothing configured: every address is allowed. */
    public static final IpSecurityRules OPEN = new IpSecurityRules(true, DenyAction.FORBIDDEN, false, List.of());

    public IpSecurityRules {
        entries = List.copyOf(entries);
    }

    /** Reads the section (its values were validated when the configuration was loaded). */
    public static IpSecurityRules from(ConfigElement section) {
        List<Entry> entries = new ArrayList<>();
        for (ConfigElement add : section.collection()) {
            entries.add(new Entry(IpNetwork.parse(add.attribute("ipAddress"), add.attribute("subnetMask")),
                    add.bool("allowed")));
        }
        boolean allowUnlisted = section.bool("allowUnlisted");
        if (allowUnlisted && entries.stream().allMatch(Entry::allowed)) {
            return OPEN;
        }
        return new IpSecurityRules(allowUnlisted, DenyAction.parse(section.attribute("denyAction")),
                section.bool("enableProxyMode"), entries);
    }

    /** Whether every address is allowed, so nothing need be checked. */
    public boolean open() {
        return this == OPEN;
    }

    /** Whether {@code address} (as {@link IpNetwork#parseAddress} gives it; null when unreadable) may pass. */
    public boolean allows(byte[] address) {
        if (address != null) {
            for (Entry entry : entries) {
                if (entry.network().contains(address)) {
                    return entry.allowed();
                }
            }
        }
        return allowUnlisted;
    }
}
