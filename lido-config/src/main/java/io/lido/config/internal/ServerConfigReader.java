package io.lido.config.internal;

import io.lido.config.ApplicationPoolConfig;
import io.lido.config.ConfigException;
import io.lido.config.ServerConfig;
import io.lido.config.SiteConfig;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Loads applicationHost.config: parses and validates it, applies it over Lido's built-in defaults
 * ({@code lido-defaults.config}, what IIS ships in its own applicationHost.config), binds pools and
 * sites, and checks every {@code <location>} against the sites and the locks.
 */
public final class ServerConfigReader {
    private static final SectionRegistry REGISTRY = SectionRegistry.STANDARD;
    private static final ConfigFile DEFAULTS = BuiltInDefaults.read(REGISTRY);

    private ServerConfigReader() {
    }

    /** Loads {@code file}; relative paths in it resolve against its folder. */
    public static ServerConfig load(Path file, Clock clock, Function<String, String> environment) {
        Path absolute = file.toAbsolutePath().normalize();
        return load(XmlConfigReader.read(absolute), absolute, clock, environment, false);
    }

    /**
     * Loads a pool's configuration as the host wrote it for its workers ({@link ServerConfig#workerConfiguration}),
     * under the name of the applicationHost.config it was made from ({@code file}: its lines and relative paths).
     * Sites need no root application here: the root of a site shared with another pool is that pool's.
     */
    public static ServerConfig loadWorkerConfiguration(String text, Path file, Clock clock,
                                                       Function<String, String> environment) {
        Path absolute = file.toAbsolutePath().normalize();
        XmlElement root = XmlConfigReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), absolute);
        return load(root, absolute, clock, environment, true);
    }

    private static ServerConfig load(XmlElement root, Path absolute, Clock clock, Function<String, String> environment,
                                     boolean workerConfiguration) {
        ConfigFile host = new ConfigFileParser(REGISTRY, ConfigFileParser.Kind.APPLICATION_HOST).parse(root);
        LevelBuilder server = new LevelBuilder(LevelState.empty(REGISTRY)).applyAll(DEFAULTS.occurrences(), DEFAULTS.file(), -1);
        server.lockByDefault(REGISTRY, absolute).applyAll(host.targeting(""), absolute, 0);
        LevelState serverLevel = server.build();

        List<ApplicationPoolConfig> pools = ApplicationPoolBinder.bind(
                (EffectiveElement) serverLevel.section("system.applicationHost/applicationPools"));
        Set<String> poolNames = new LinkedHashSet<>();
        pools.forEach(p -> poolNames.add(p.name()));
        List<SiteConfig> sites = new SiteBinder(absolute.getParent(), poolNames, environment, !workerConfiguration)
                .bind((EffectiveElement) serverLevel.section("system.applicationHost/sites"));

        Map<String, Map<String, List<SectionOccurrence>>> locations = hostLocations(host, sites);
        WebConfigResolver resolver = new WebConfigResolver(serverLevel, absolute, locations,
                new WebConfigFiles(REGISTRY), clock);
        for (SiteConfig site : sites) {
            for (String path : locations.getOrDefault(site.name().toLowerCase(Locale.ROOT), Map.of()).keySet()) {
                resolver.checkHostLocations(site, path);
            }
        }
        return new LoadedServerConfig(absolute, pools, sites, resolver, serverLevel, root, environment);
    }

    /** applicationHost.config's site-level locations: site name → path in the site → occurrences. */
    private static Map<String, Map<String, List<SectionOccurrence>>> hostLocations(ConfigFile host, List<SiteConfig> sites) {
        Map<String, Map<String, List<SectionOccurrence>>> out = new HashMap<>();
        for (SectionOccurrence o : host.occurrences()) {
            String target = o.targetPath();
            if (o.location() == null || target.isEmpty()) {
                continue;
            }
            int slash = target.indexOf('/');
            String siteName = (slash < 0 ? target : target.substring(0, slash)).toLowerCase(Locale.ROOT);
            String inSite = slash < 0 ? "" : target.substring(slash + 1).toLowerCase(Locale.ROOT);
            if (sites.stream().noneMatch(s -> s.name().equalsIgnoreCase(siteName))) {
                List<String> names = new ArrayList<>();
                sites.forEach(s -> names.add(s.name()));
                throw new ConfigException(o.location().source(), o.location().describe() + " attribute \"path\": \""
                        + o.location().writtenPath() + "\" names no site (allowed: \"\" for every site, or a site name "
                        + "optionally followed by /path; sites: " + String.join(", ", names) + ")");
            }
            out.computeIfAbsent(siteName, k -> new HashMap<>()).computeIfAbsent(inSite, k -> new ArrayList<>()).add(o);
        }
        return out;
    }
}
