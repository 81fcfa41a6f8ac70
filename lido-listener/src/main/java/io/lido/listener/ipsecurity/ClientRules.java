package io.lido.listener.ipsecurity;

import io.lido.config.ConfigElement;

/** Both restriction sections of one URL, read once per effective configuration and then shared. */
public record ClientRules(IpSecurityRules ip, DynamicIpRules dynamic) {
    public static final String IP_SECURITY = "system.webServer/security/ipSecurity";
    public static final String DYNAMIC_IP_SECURITY = "system.webServer/security/dynamicIpSecurity";

    /** No restriction: the default. */
    public static final ClientRules OPEN = new ClientRules(IpSecurityRules.OPEN, DynamicIpRules.OFF);

    public static ClientRules from(ConfigElement ipSecurity, ConfigElement dynamicIpSecurity) {
        IpSecurityRules ip = IpSecurityRules.from(ipSecurity);
        DynamicIpRules dynamic = DynamicIpRules.from(dynamicIpSecurity);
        return ip.open() && !dynamic.active() ? OPEN : new ClientRules(ip, dynamic);
    }

    public boolean open() {
        return this == OPEN;
    }
}
