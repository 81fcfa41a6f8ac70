package io.lido.listener.routing;

import io.lido.config.ServerConfig;
import io.lido.config.SiteConfig;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A site and its applications, longest virtual path first, so the first match is the owner. */
public final class SiteRoute {
    private final SiteConfig site;
    private final ApplicationRoute[] applications;
    /** The socket of the site's first https binding, where redirectHttpToHttps sends http requests; or null. */
    private Endpoint httpsEndpoint;

    SiteRoute(ServerConfig config, SiteConfig site) {
        this.site = site;
        List<ApplicationRoute> routes = new ArrayList<>();
        for (SiteConfig.Application app : site.applications()) {
            routes.add(new ApplicationRoute(config, site, app));
        }
        routes.sort(Comparator.comparingInt((ApplicationRoute r) -> r.application().path().length()).reversed());
        this.applications = routes.toArray(ApplicationRoute[]::new);
    }

    public SiteConfig site() {
        return site;
    }

    /** Set while the binding table is built (before any connection): the first https binding's socket wins. */
    void httpsEndpoint(Endpoint endpoint) {
        if (httpsEndpoint == null) {
            httpsEndpoint = endpoint;
        }
    }

    /**
     * Where an http request goes instead when the site's {@code hsts} has {@code redirectHttpToHttps}: the first
     * https binding's socket; null when the site has no such redirect (or no https binding to redirect to).
     */
    public Endpoint httpsRedirect() {
        // IIS applies every hsts attribute only with enabled="true", the redirect too.
        return site.hsts().enabled() && site.hsts().redirectHttpToHttps() ? httpsEndpoint : null;
    }

    /** The application owning a decoded path, or null when the site has no root application. */
    public ApplicationRoute application(String path) {
        for (ApplicationRoute route : applications) {
            if (route.contains(path)) {
                return route;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return site.name();
    }
}
