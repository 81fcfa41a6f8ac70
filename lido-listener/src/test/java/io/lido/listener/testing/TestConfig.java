package io.lido.listener.testing;

import io.lido.config.ApplicationPoolConfig;
import io.lido.config.ConfigElement;
import io.lido.config.ServerConfig;
import io.lido.config.SiteConfig;
import io.lido.config.SourceLocation;
import io.lido.config.WebConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small in-memory {@link ServerConfig} for listener tests: sites with bindings and applications, and
 * per-application request limits. Only what the listener reads is implemented.
 */
public final class TestConfig implements ServerConfig {
    private final List<SiteConfig> sites = new ArrayList<>();
    private final java.util.HashMap<String, long[]> limits = new java.util.HashMap<>();

    /** Adds a site; bindings are "ip:port:host", applications are virtual paths served from {@code root}. */
    public TestConfig site(String name, long id, Path root, List<String> bindings, List<String> applications) {
        return site(name, id, root, bindings, applications, Duration.ofMinutes(2), 4294967295L);
    }

    public TestConfig site(String name, long id, Path root, List<String> bindings, List<String> applications,
                           Duration connectionTimeout, long maxConnections) {
        SourceLocation here = new SourceLocation(Path.of("test.config"), 1);
        List<SiteConfig.Binding> b = bindings.stream().map(info -> {
            String[] parts = info.split(":", 3);
            return new SiteConfig.Binding("http", parts[0], Integer.parseInt(parts[1]), parts[2], here);
        }).toList();
        List<SiteConfig.Application> apps = applications.stream().map(path -> new SiteConfig.Application(path,
                "DefaultAppPool", false, List.of(new SiteConfig.VirtualDirectory("/", root, here)), here)).toList();
        sites.add(new SiteConfig(name, id, true, b, apps,
                new SiteConfig.Limits(connectionTimeout, maxConnections, 4294967295L),
                new SiteConfig.LogFile(root, "Daily", "W3C", false), here));
        return this;
    }

    /** Sets requestLimits (maxAllowedContentLength, maxUrl, maxQueryString) of one application. */
    public TestConfig limits(String site, String appPath, long maxContent, long maxUrl, long maxQuery) {
        limits.put(site + appPath, new long[] {maxContent, maxUrl, maxQuery});
        return this;
    }

    @Override
    public Path file() {
        return Path.of("test.config");
    }

    @Override
    public List<ApplicationPoolConfig> applicationPools() {
        return List.of();
    }

    @Override
    public List<SiteConfig> sites() {
        return sites;
    }

    @Override
    public WebConfig webConfig(SiteConfig site, String urlPath) {
        long[] l = limits.getOrDefault(site.name() + urlPath, new long[] {30_000_000L, 4096, 2048});
        Map<String, String> attributes = Map.of("maxAllowedContentLength", String.valueOf(l[0]),
                "maxUrl", String.valueOf(l[1]), "maxQueryString", String.valueOf(l[2]));
        return section -> {
            if (!section.equals("system.webServer/security/requestFiltering")) {
                throw new IllegalArgumentException("test config has no section " + section);
            }
            return new Element("requestFiltering", Map.of()) {
                @Override
                public ConfigElement child(String name) {
                    return new Element(name, attributes);
                }
            };
        };
    }

    private static class Element implements ConfigElement {
        private final String name;
        private final Map<String, String> attributes;

        Element(String name, Map<String, String> attributes) {
            this.name = name;
            this.attributes = attributes;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String attribute(String attribute) {
            String value = attributes.get(attribute);
            if (value == null) {
                throw new IllegalArgumentException(name + " has no attribute " + attribute);
            }
            return value;
        }

        @Override
        public boolean bool(String attribute) {
            return Boolean.parseBoolean(attribute(attribute));
        }

        @Override
        public int integer(String attribute) {
            return Integer.parseInt(attribute(attribute));
        }

        @Override
        public long longValue(String attribute) {
            return Long.parseLong(attribute(attribute));
        }

        @Override
        public Duration duration(String attribute) {
            return Duration.ofSeconds(longValue(attribute));
        }

        @Override
        public ConfigElement child(String child) {
            return new Element(child, Map.of());
        }

        @Override
        public List<ConfigElement> collection() {
            return List.of();
        }

        @Override
        public Optional<SourceLocation> location() {
            return Optional.empty();
        }
    }
}
