package io.lido.listener.ipsecurity;

import io.lido.config.ConfigElement;

/**
 * The effective {@code system.webServer/security/dynamicIpSecurity} of a URL.
 *
 * @param maxConcurrentRequests {@code denyByConcurrentRequests}: a client's requests in flight beyond this are
 *                              denied (0: off)
 * @param maxRequests           {@code denyByRequestRate}: a client's requests beyond this many in one interval are
 *                              denied for the rest of it (0: off)
 * @param intervalMillis        {@code requestIntervalInMilliseconds}
 * @param proxyMode             {@code enableProxyMode}: the client is the last address of X-Forwarded-For (the one
 *                              the proxy next to Lido wrote; the ones before it are the client's to forge)
 * @param loggingOnly           {@code enableLoggingOnlyMode}: serve the request, log the sub-status it would have got
 */
public record DynamicIpRules(long maxConcurrentRequests, long maxRequests, long intervalMillis, DenyAction denyAction,
                             boolean proxyMode, boolean loggingOnly) {

    /** Nothing enabled. */
    public static final DynamicIpRules OFF = new DynamicIpRules(0, 0, 1, DenyAction.FORBIDDEN, false, false);

    /** Reads the section (its values were validated when the configuration was loaded). */
    public static DynamicIpRules from(ConfigElement section) {
        ConfigElement concurrent = section.child("denyByConcurrentRequests");
        ConfigElement rate = section.child("denyByRequestRate");
        long maxConcurrent = concurrent.bool("enabled") ? concurrent.longValue("maxConcurrentRequests") : 0;
        long maxRequests = rate.bool("enabled") ? rate.longValue("maxRequests") : 0;
        if (maxConcurrent == 0 && maxRequests == 0) {
            return OFF;
        }
        return new DynamicIpRules(maxConcurrent, maxRequests, rate.longValue("requestIntervalInMilliseconds"),
                DenyAction.parse(section.attribute("denyAction")), section.bool("enableProxyMode"),
                section.bool("enableLoggingOnlyMode"));
    }

    /** Whether any limit is on. */
    public boolean active() {
        return this != OFF;
    }
}
