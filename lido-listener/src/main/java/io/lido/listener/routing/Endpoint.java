package io.lido.listener.routing;

import io.lido.config.SiteConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * One listening socket (IP:port) and the bindings that share it. Host-header matching decides the
 * site, with IIS precedence: a binding naming the host beats an empty-host binding, and a binding on
 * the connection's local IP beats one on "*" (HTTP.sys: explicit host &gt; IP-bound wildcard &gt; weak
 * wildcard).
 */
public final class Endpoint {
    private final String ip;
    private final int configuredPort;
    private final boolean secure;
    private final List<Entry> entries = new ArrayList<>();
    private volatile int boundPort = -1;

    private record Entry(SiteConfig.Binding binding, String ip, SiteRoute site) {
    }

    Endpoint(String ip, int configuredPort, boolean secure) {
        this.ip = ip;
        this.configuredPort = configuredPort;
        this.secure = secure;
    }

    /** Whether connections to this socket speak TLS (its bindings are https). */
    public boolean secure() {
        return secure;
    }

    void add(SiteConfig.Binding binding, String canonicalIp, SiteRoute site) {
        entries.add(new Entry(binding, canonicalIp, site));
    }

    /** "*" (every address) or a literal IP to bind. */
    public String ip() {
        return ip;
    }

    public int configuredPort() {
        return configuredPort;
    }

    /** The port actually bound (differs from the configured one when that is 0), or -1 before binding. */
    public int boundPort() {
        return boundPort;
    }

    public void boundPort(int port) {
        this.boundPort = port;
    }

    /** The distinct sites bound on this endpoint. */
    public List<SiteConfig> sites() {
        return entries.stream().map(e -> e.site().site()).distinct().toList();
    }

    /** Whether a site has a binding on this endpoint. */
    public boolean serves(String siteName) {
        return entries.stream().anyMatch(e -> e.site().site().name().equals(siteName));
    }

    /**
     * The site for a request that arrived on this endpoint.
     *
     * @param localIp  canonical textual local address of the connection
     * @param hostName lower-case host name from Host (or the absolute-form authority), "" when absent
     * @return the site, or null when no binding matches (400 Invalid Hostname)
     */
    public SiteRoute route(String localIp, String hostName) {
        Entry e = best(localIp, hostName);
        return e == null ? null : e.site();
    }

    /**
     * The binding a TLS handshake is for, by the same precedence as {@link #route}: its sslFlags say where the
     * certificate comes from.
     *
     * @param hostName the SNI host name, lower case, "" when the client sent none
     * @return the binding, or null when none matches
     */
    public SiteConfig.Binding binding(String localIp, String hostName) {
        Entry e = best(localIp, hostName);
        return e == null ? null : e.binding();
    }

    private Entry best(String localIp, String hostName) {
        Entry best = null;
        int bestScore = -1;
        for (int i = 0, n = entries.size(); i < n; i++) {
            Entry e = entries.get(i);
            boolean ipMatches = e.ip().equals("*") || e.ip().equals(localIp);
            String host = e.binding().host();
            boolean hostMatches = host.isEmpty() || host.equalsIgnoreCase(hostName);
            if (ipMatches && hostMatches) {
                int score = (host.isEmpty() ? 0 : 2) + (e.ip().equals("*") ? 0 : 1);
                if (score > bestScore) {
                    bestScore = score;
                    best = e;
                }
            }
        }
        return best;
    }

    /** The bindings on this endpoint, as "site: protocol ip:port:host" for error messages. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (Entry e : entries) {
            SiteConfig.Binding b = e.binding();
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append("site '").append(e.site().site().name()).append("' binding ").append(b.protocol()).append(' ')
                    .append(b.ip()).append(':').append(b.port()).append(':').append(b.host());
            if (b.location() != null) {
                sb.append(" (").append(b.location()).append(')');
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return (secure ? "https " : "") + ip + ":" + (boundPort >= 0 ? boundPort : configuredPort);
    }
}
