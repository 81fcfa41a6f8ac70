package io.lido.listener.routing;

import io.lido.config.ServerConfig;
import io.lido.config.SiteConfig;

/**
 * One application of a site as the listener routes to it, with its request limits read once from
 * configuration and then cached (the configuration is immutable; a new one builds new routes).
 */
public final class ApplicationRoute {
    private final ServerConfig config;
    private final SiteConfig site;
    private final SiteConfig.Application application;
    private final String hstsHeader;
    private volatile RequestLimits limits;

    ApplicationRoute(ServerConfig config, SiteConfig site, SiteConfig.Application application) {
        this.config = config;
        this.site = site;
        this.application = application;
        this.hstsHeader = site.hsts().headerValue();
    }

    /** The site's Strict-Transport-Security value for https responses, or null when it sends none. */
    public String hstsHeader() {
        return hstsHeader;
    }

    public SiteConfig site() {
        return site;
    }

    public SiteConfig.Application application() {
        return application;
    }

    /**
     * The application's request limits.
     *
     * @throws io.lido.config.ConfigException when its web.config is invalid (not cached: retried on the
     *                                        next request, so a fixed file is picked up)
     */
    public RequestLimits limits() {
        RequestLimits l = limits;
        if (l == null) {
            l = RequestLimits.from(config.webConfig(site, application.path()));
            limits = l;
        }
        return l;
    }

    /** Whether the decoded path is inside this application (segment-wise, case-insensitive like IIS). */
    boolean contains(String path) {
        String appPath = application.path();
        int n = appPath.length();
        if (n == 1) {
            return true;
        }
        return path.regionMatches(true, 0, appPath, 0, n) && (path.length() == n || path.charAt(n) == '/');
    }

    @Override
    public String toString() {
        return site.name() + application.path();
    }
}
