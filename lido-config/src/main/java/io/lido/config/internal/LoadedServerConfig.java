package io.lido.config.internal;

import io.lido.config.ApplicationPoolConfig;
import io.lido.config.ConfigElement;
import io.lido.config.ServerConfig;
import io.lido.config.SiteConfig;
import io.lido.config.WebConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** A loaded applicationHost.config: the bound pools and sites, and the web configuration resolver. */
final class LoadedServerConfig implements ServerConfig {
    private final Path file;
    private final List<ApplicationPoolConfig> pools;
    private final List<SiteConfig> sites;
    private final WebConfigResolver resolver;
    private final LevelState serverLevel;
    private final XmlElement root;
    private final Function<String, String> environment;

    LoadedServerConfig(Path file, List<ApplicationPoolConfig> pools, List<SiteConfig> sites, WebConfigResolver resolver,
                       LevelState serverLevel, XmlElement root, Function<String, String> environment) {
        this.file = file;
        this.root = root;
        this.environment = environment;
        this.serverLevel = serverLevel;
        this.pools = pools;
        this.sites = sites;
        this.resolver = resolver;
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public List<ApplicationPoolConfig> applicationPools() {
        return pools;
    }

    @Override
    public List<SiteConfig> sites() {
        return sites;
    }

    @Override
    public WebConfig webConfig(SiteConfig site, String urlPath) {
        // The caller normally passes one of our own records (an identity check); another is found by name.
        for (SiteConfig s : sites) {
            if (s == site) {
                return resolver.resolve(site, urlPath);
            }
        }
        for (SiteConfig s : sites) {
            if (s.name().equals(site.name())) {
                return resolver.resolve(s, urlPath);
            }
        }
        throw new IllegalArgumentException("site \"" + site.name() + "\" is not in " + file);
    }

    @Override
    public WebConfig applicationHostWebConfig(SiteConfig site, String urlPath) {
        for (SiteConfig s : sites) {
            if (s == site || s.name().equals(site.name())) {
                return resolver.applicationHostOnly(s, urlPath);
            }
        }
        throw new IllegalArgumentException("site \"" + site.name() + "\" is not in " + file);
    }

    @Override
    public void recheckWebConfig() {
        resolver.recheck();
    }

    @Override
    public ConfigElement section(String sectionPath) {
        return serverLevel.section(sectionPath);
    }

    @Override
    public String workerConfiguration(String pool) {
        if (pools.stream().noneMatch(p -> p.name().equalsIgnoreCase(pool))) {
            throw new IllegalArgumentException("application pool '" + pool + "' is not defined in " + file);
        }
        return PoolConfigWriter.write(root, pool, sites, file.getParent(), environment);
    }

    @Override
    public String toString() {
        return "ServerConfig[" + file + ", " + pools.size() + " pools, " + sites.size() + " sites]";
    }
}
