package io.lido.listener.routing;

import io.lido.config.ConfigException;
import io.lido.config.ServerConfig;
import io.lido.config.SiteConfig;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups the http and https bindings of every auto-started site into the sockets to open. Each distinct IP:port
 * is bound once; when a port has a "*" binding, bindings on specific IPs of that port share the
 * wildcard socket (Linux refuses to bind both) and are told apart by the connection's local address.
 * Port 0 (tests) asks for an ephemeral port per binding, so those are never shared.
 */
public final class BindingTable {
    private final List<Endpoint> endpoints;
    private final Map<String, SiteRoute> sites;
    private final Map<String, Endpoint> firstEndpoints;
    private final Map<SiteConfig.Binding, Endpoint> byBinding;

    private BindingTable(List<Endpoint> endpoints, Map<String, SiteRoute> sites, Map<String, Endpoint> firstEndpoints,
                         Map<SiteConfig.Binding, Endpoint> byBinding) {
        this.endpoints = endpoints;
        this.sites = sites;
        this.firstEndpoints = firstEndpoints;
        this.byBinding = byBinding;
    }

    public static BindingTable build(ServerConfig config) {
        Map<String, SiteRoute> sites = new LinkedHashMap<>();
        Map<String, Endpoint> byKey = new LinkedHashMap<>();
        Map<String, Endpoint> firstEndpoints = new LinkedHashMap<>();
        Map<SiteConfig.Binding, Endpoint> byBinding = new LinkedHashMap<>();
        List<String> wildcardPorts = new ArrayList<>();
        for (SiteConfig site : config.sites()) {
            for (SiteConfig.Binding b : site.bindings()) {
                if (site.serverAutoStart() && isServed(b) && b.ip().equals("*") && b.port() != 0) {
                    wildcardPorts.add(String.valueOf(b.port()));
                }
            }
        }
        int ephemeral = 0;
        for (SiteConfig site : config.sites()) {
            if (!site.serverAutoStart()) {
                continue;
            }
            SiteRoute route = new SiteRoute(config, site);
            sites.put(site.name(), route);
            for (SiteConfig.Binding b : site.bindings()) {
                if (!isServed(b)) {
                    continue;
                }
                String ip = canonical(b.ip());
                String socketIp = wildcardPorts.contains(String.valueOf(b.port())) ? "*" : ip;
                String key = b.port() == 0 ? "ephemeral#" + (ephemeral++) : socketIp + ":" + b.port();
                Endpoint endpoint = byKey.computeIfAbsent(key, k -> new Endpoint(socketIp, b.port(), b.secure()));
                if (endpoint.secure() != b.secure()) {
                    throw new ConfigException(b.location(), "<binding protocol=\"" + b.protocol()
                            + "\" bindingInformation=\"" + b.ip() + ":" + b.port() + ":" + b.host() + "\"> of site \""
                            + site.name() + "\": port " + b.port() + " already serves " + (endpoint.secure() ? "https"
                            : "http") + " (" + endpoint.describe() + "); one port speaks TLS or not, never both");
                }
                endpoint.add(b, ip, route);
                firstEndpoints.putIfAbsent(site.name(), endpoint);
                byBinding.put(b, endpoint);
                if (b.secure()) {
                    route.httpsEndpoint(endpoint);
                }
            }
        }
        return new BindingTable(List.copyOf(byKey.values()), sites, firstEndpoints, byBinding);
    }

    private static boolean isServed(SiteConfig.Binding b) {
        return b.protocol().equalsIgnoreCase("http") || b.secure();
    }

    /** The IP as {@code InetAddress.getHostAddress()} prints it, so it compares with local addresses. */
    static String canonical(String ip) {
        if (ip.equals("*")) {
            return ip;
        }
        try {
            return InetAddress.ofLiteral(ip).getHostAddress();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("binding IP '" + ip + "' is not a literal IP address", e);
        }
    }

    public List<Endpoint> endpoints() {
        return endpoints;
    }

    /** The endpoint of a site's first http binding, or null when it has none (or is not started). */
    public Endpoint firstEndpoint(String siteName) {
        return firstEndpoints.get(siteName);
    }

    /** The endpoint serving a binding of an auto-started site, or null. */
    public Endpoint endpoint(SiteConfig.Binding binding) {
        return byBinding.get(binding);
    }

    /** The routes of an auto-started site, or null. */
    public SiteRoute site(String name) {
        return sites.get(name);
    }
}
