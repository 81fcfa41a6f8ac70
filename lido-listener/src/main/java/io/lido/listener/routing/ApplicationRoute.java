package io.lido.listener.routing;

import io.lido.config.ConfigElement;
import io.lido.config.ConfigException;
import io.lido.config.ServerConfig;
import io.lido.config.SiteConfig;
import io.lido.config.WebConfig;
import io.lido.listener.ipsecurity.ClientRules;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
    /** Rules by the sections they were read from (an effective section is one object while its level is cached). */
    private final Map<RuleSources, ClientRules> clientRules = new ConcurrentHashMap<>();

    /** Both sections, compared by identity (ConfigElement has no equals of its own). */
    private record RuleSources(ConfigElement ipSecurity, ConfigElement dynamicIpSecurity) {
    }

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

    /**
     * The IP restrictions of a decoded path in this application. They are set per URL, like any
     * system.webServer section, so they are looked up per request: from the configuration's cache of levels,
     * then from this route's cache of rules read.
     *
     * <p>When a web.config on the way is invalid, the rules come from applicationHost.config alone: the request
     * then fails in its application (a sub-folder's web.config), or is served by an application domain that
     * keeps the configuration it loaded (its own web.config), and either way the restrictions the administrator
     * set still hold, since both sections are locked to applicationHost.config by default.
     */
    public ClientRules clientRules(String path) {
        WebConfig web;
        try {
            web = config.webConfig(site, path);
        } catch (ConfigException e) {
            web = config.applicationHostWebConfig(site, path);
        }
        RuleSources sources = new RuleSources(web.section(ClientRules.IP_SECURITY),
                web.section(ClientRules.DYNAMIC_IP_SECURITY));
        ClientRules rules = clientRules.get(sources);
        if (rules == null) {
            rules = ClientRules.from(sources.ipSecurity(), sources.dynamicIpSecurity());
            if (clientRules.size() >= 1024) {
                // levels are recomputed when their files change: the old sections are garbage then
                clientRules.clear();
            }
            clientRules.put(sources, rules);
        }
        return rules;
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
