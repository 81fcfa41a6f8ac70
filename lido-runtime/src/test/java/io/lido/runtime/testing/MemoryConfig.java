package io.lido.runtime.testing;

import io.lido.config.ApplicationPoolConfig;
import io.lido.config.ServerConfig;
import io.lido.config.SiteConfig;
import io.lido.config.WebConfig;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A test-only {@link ServerConfig}: one site, one effective {@link WebConfig} for every path (plus
 * optional per-folder ones), sections created on demand.
 */
public final class MemoryConfig implements ServerConfig, WebConfig {
    private final SiteConfig site;
    private final Map<String, MemoryElement> sections = new HashMap<>();
    private final Map<String, MemoryConfig> folders = new HashMap<>();
    private final List<ApplicationPoolConfig> pools = new java.util.ArrayList<>();

    public MemoryConfig(SiteConfig site) {
        this.site = site;
    }

    /** A section by path, e.g. "system.webServer/handlers" (created empty on first use). */
    @Override
    public MemoryElement section(String sectionPath) {
        return sections.computeIfAbsent(sectionPath, p -> new MemoryElement(p.substring(p.lastIndexOf('/') + 1)));
    }

    /** A separate configuration for URL paths below {@code folder} (e.g. "/sub/"). */
    public MemoryConfig folder(String folder) {
        return folders.computeIfAbsent(folder, f -> new MemoryConfig(site));
    }

    /** Adds a pool with only a name and the pipeline mode set (what the runtime reads). */
    public MemoryConfig pool(String name, boolean classicPipeline) {
        pools.add(new ApplicationPoolConfig(name, 1000, true, false, classicPipeline, null, "", null, null, null,
                java.util.Map.of(), null));
        return this;
    }

    /** Adds a pool with only a name and the hosting model set (what session state reads). */
    public MemoryConfig pool(String name, io.lido.config.HostingModel hostingModel) {
        pools.add(new ApplicationPoolConfig(name, 1000, true, false, false, hostingModel, "", null, null, null,
                java.util.Map.of(), null));
        return this;
    }

    @Override
    public Path file() {
        return Path.of("/test/applicationHost.config");
    }

    @Override
    public List<ApplicationPoolConfig> applicationPools() {
        return List.copyOf(pools);
    }

    @Override
    public List<SiteConfig> sites() {
        return List.of(site);
    }

    @Override
    public WebConfig webConfig(SiteConfig forSite, String urlPath) {
        for (Map.Entry<String, MemoryConfig> e : folders.entrySet()) {
            if (urlPath.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return this;
    }
}
