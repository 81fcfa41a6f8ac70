package io.lido.config;

import java.nio.file.Path;
import java.util.List;

/**
 * A loaded {@code applicationHost.config}: pools and sites, plus access to the effective web
 * configuration of any URL path. Immutable; a configuration change produces a new instance.
 */
public interface ServerConfig {

    /** The file this was loaded from. */
    Path file();

    List<ApplicationPoolConfig> applicationPools();

    List<SiteConfig> sites();

    /**
     * The effective {@code system.webServer}/{@code system.web} configuration for a URL path of a site
     * (e.g. "/", "/reports/admin/x.html"; a file name at the end is allowed and ignored when it is no
     * folder). Reads and caches the web.config files of the application and its folders.
     *
     * @throws ConfigException when a web.config on the way is invalid or sets a locked section
     */
    WebConfig webConfig(SiteConfig site, String urlPath);

    /**
     * The effective configuration of a URL path from applicationHost.config alone (its server level and the
     * locations on the way down), reading no web.config: what still holds for the sections that are locked to
     * applicationHost.config when a web.config on the way is invalid ({@link #webConfig} throws).
     */
    default WebConfig applicationHostWebConfig(SiteConfig site, String urlPath) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot resolve without web.config files");
    }

    /**
     * Makes the next {@link #webConfig} calls check every cached web.config file's stamp at once, rather
     * than up to a second later, so that an application restarted because its web.config changed sees the
     * new file. Implementations without a cache need not do anything.
     */
    default void recheckWebConfig() {
    }

    /**
     * What the workers of one pool receive instead of this file (WAS's generated
     * {@code inetpub/temp/appPools/<pool>/<pool>.config}): applicationHost.config without the other pools, the sites and
     * applications of other pools, and the locations that apply to none of this pool's applications; lines kept
     * as in this file, site paths resolved. {@link ConfigLoader#loadWorkerConfiguration} reads it back.
     *
     * @throws IllegalArgumentException when no pool has that name
     */
    default String workerConfiguration(String pool) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot write a worker configuration");
    }

    /**
     * A section at server level (applicationHost.config's top level over Lido's built-in defaults),
     * for settings the records do not carry, e.g. {@code "system.applicationHost/webLimits"}, or
     * {@code "system.applicationHost/sites"} whose collection holds every {@code site} element.
     *
     * @throws IllegalArgumentException when no section has that path
     */
    default ConfigElement section(String sectionPath) {
        throw new UnsupportedOperationException(getClass().getName() + " does not expose server-level sections");
    }
}
