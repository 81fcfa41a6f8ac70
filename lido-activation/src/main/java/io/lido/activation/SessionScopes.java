package io.lido.activation;

import io.lido.config.ServerConfig;
import io.lido.config.SiteConfig;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which applications' sessions the workers of each pool may use in the host's StateServer: those of the
 * applications the pool hosts, by the runtime's application key ({@code <site id>/<path without the leading
 * slash>}). A worker is code the host does not trust with other pools' data — pools may run as other users.
 */
final class SessionScopes {
    private SessionScopes() {
    }

    /** Lower-case pool name to the application keys of its applications. */
    static Map<String, Set<String>> of(ServerConfig config) {
        Map<String, Set<String>> byPool = new HashMap<>();
        for (SiteConfig site : config.sites()) {
            for (SiteConfig.Application app : site.applications()) {
                byPool.computeIfAbsent(app.applicationPool().toLowerCase(Locale.ROOT), pool -> new HashSet<>())
                        .add(site.id() + "/" + app.path().substring(1));
            }
        }
        return byPool;
    }
}
