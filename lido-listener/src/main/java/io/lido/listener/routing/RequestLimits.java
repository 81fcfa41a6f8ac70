package io.lido.listener.routing;

import io.lido.config.ConfigElement;
import io.lido.config.WebConfig;

/**
 * An application's {@code system.webServer/security/requestFiltering/requestLimits}, the part the
 * listener enforces before dispatching (IIS enforces it in its request filtering module; doing it in
 * the listener answers oversized requests without waking a worker).
 *
 * @param maxAllowedContentLength largest body in bytes (413)
 * @param maxUrl                  longest path in bytes, as received (404.14, as IIS)
 * @param maxQueryString          longest query string in bytes (404.15, as IIS)
 */
public record RequestLimits(long maxAllowedContentLength, long maxUrl, long maxQueryString) {

    /** IIS defaults: 30000000 bytes, 4096, 2048. */
    public static final RequestLimits IIS_DEFAULTS = new RequestLimits(30_000_000L, 4096, 2048);

    /** Reads the limits from an application's effective web configuration. */
    public static RequestLimits from(WebConfig webConfig) {
        ConfigElement limits = webConfig.section("system.webServer/security/requestFiltering").child("requestLimits");
        return new RequestLimits(limits.longValue("maxAllowedContentLength"), limits.longValue("maxUrl"),
                limits.longValue("maxQueryString"));
    }
}
