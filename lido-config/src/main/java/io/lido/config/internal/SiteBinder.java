package io.lido.config.internal;

import io.lido.config.ConfigElement;
import io.lido.config.ConfigException;
import io.lido.config.SiteConfig;
import io.lido.config.SourceLocation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Binds {@code system.applicationHost/sites} to {@link SiteConfig} records and checks what IIS checks
 * across elements: unique site ids, an application "/" in every site, a virtual directory "/" in
 * every application, virtual paths that start with "/", pools that exist, no two sites with the same
 * {@code IP:port:host} binding (IIS could not start the second), and virtual directories whose
 * physical folder exists (IIS starts such a site and answers its requests with errors; Lido refuses it
 * at start, where the mistake is found).
 */
final class SiteBinder {
    private final Path configFolder;
    private final Set<String> poolNames;
    private final Function<String, String> environment;
    private final boolean rootApplicationRequired;

    /** @param rootApplicationRequired false for a worker's configuration, which may hold only child applications */
    SiteBinder(Path configFolder, Set<String> poolNames, Function<String, String> environment,
               boolean rootApplicationRequired) {
        this.configFolder = configFolder;
        this.poolNames = poolNames;
        this.environment = environment;
        this.rootApplicationRequired = rootApplicationRequired;
    }

    List<SiteConfig> bind(EffectiveElement sites) {
        EffectiveElement siteDefaults = (EffectiveElement) sites.child("siteDefaults");
        ConfigElement applicationDefaults = sites.child("applicationDefaults");
        Map<Long, SourceLocation> ids = new HashMap<>();
        Map<String, BoundBy> bindings = new HashMap<>();
        List<SiteConfig> out = new ArrayList<>();
        for (ConfigElement entry : sites.collection()) {
            EffectiveElement site = ElementMerger.overlay(siteDefaults, (EffectiveElement) entry);
            SourceLocation location = entry.location().orElseThrow();
            SourceLocation previous = ids.putIfAbsent(site.longValue("id"), location);
            if (previous != null) {
                throw new ConfigException(location, "<site name=\"" + site.attribute("name") + "\"> attribute \"id\": \""
                        + site.attribute("id") + "\" is already the id of the site at " + previous
                        + " (allowed: an id no other site has)");
            }
            SiteConfig bound = bindSite(site, location, applicationDefaults);
            checkBindingsUnique(bound, bindings);
            out.add(bound);
        }
        return List.copyOf(out);
    }

    /** Refuses a binding a site already has (port 0 asks for an ephemeral port each: never the same). */
    private static void checkBindingsUnique(SiteConfig site, Map<String, BoundBy> seen) {
        for (SiteConfig.Binding b : site.bindings()) {
            if (b.port() == 0) {
                continue;
            }
            String information = b.ip() + ":" + b.port() + ":" + b.host();
            BoundBy other = seen.putIfAbsent(b.protocol() + "|" + information, new BoundBy(site.name(), b.location()));
            if (other != null) {
                throw new ConfigException(b.location(), "<binding bindingInformation=\"" + information
                        + "\"> of site \"" + site.name() + "\": the site \"" + other.site()
                        + "\" already has this binding at " + other.location()
                        + " (allowed: an IP:port:host no other binding has)");
            }
        }
    }

    private record BoundBy(String site, SourceLocation location) {
    }

    private SiteConfig bindSite(EffectiveElement site, SourceLocation location, ConfigElement applicationDefaults) {
        String name = site.attribute("name");
        List<SiteConfig.Binding> bindings = new ArrayList<>();
        for (ConfigElement b : site.child("bindings").collection()) {
            SiteConfig.Binding parsed = BindingInformation.parse(b.attribute("protocol"),
                    b.attribute("bindingInformation"), b.location().orElse(location));
            bindings.add(new SiteConfig.Binding(parsed.protocol(), parsed.ip(), parsed.port(), parsed.host(),
                    parsed.location(), b.integer("sslFlags")));
        }
        List<SiteConfig.Application> applications = new ArrayList<>();
        for (ConfigElement a : site.collection()) {
            SiteConfig.Application app = application(a, applicationDefaults);
            for (SiteConfig.Application other : applications) {
                if (other.path().equalsIgnoreCase(app.path())) {
                    throw new ConfigException(app.location(), "<application path=\"" + a.attribute("path")
                            + "\"> has the same path as the application at " + other.location()
                            + " (allowed: a path no other application of the site has)");
                }
            }
            applications.add(app);
        }
        if (rootApplicationRequired && applications.stream().noneMatch(a -> a.path().equals("/"))) {
            throw new ConfigException(location, "<site name=\"" + name + "\"> has no root application: add "
                    + "<application path=\"/\"> with a <virtualDirectory path=\"/\" physicalPath=\"...\">");
        }
        ConfigElement limits = site.child("limits");
        ConfigElement log = site.child("logFile");
        return new SiteConfig(name, site.longValue("id"), site.bool("serverAutoStart"), List.copyOf(bindings),
                List.copyOf(applications),
                new SiteConfig.Limits(limits.duration("connectionTimeout"), limits.longValue("maxConnections"),
                        limits.longValue("maxBandwidth")),
                new SiteConfig.LogFile(PhysicalPaths.resolve(configFolder, log.attribute("directory"), "<logFile>",
                        "directory", log.location().orElse(location), environment),
                        log.attribute("period"), log.attribute("logFormat"), log.bool("enabled"),
                        log.attribute("logExtFileFlags")),
                location, hsts(site.child("hsts")));
    }

    private static SiteConfig.Hsts hsts(ConfigElement hsts) {
        return new SiteConfig.Hsts(hsts.bool("enabled"), hsts.longValue("max-age"), hsts.bool("includeSubDomains"),
                hsts.bool("preload"), hsts.bool("redirectHttpToHttps"));
    }

    private SiteConfig.Application application(ConfigElement app, ConfigElement applicationDefaults) {
        SourceLocation location = app.location().orElseThrow();
        String path = virtualPath(app, location);
        String described = "<application path=\"" + app.attribute("path") + "\">";
        String pool = app.attribute("applicationPool");
        if (pool.isEmpty()) {
            pool = applicationDefaults.attribute("applicationPool");
        }
        if (pool.isEmpty()) {
            pool = "DefaultAppPool";
        }
        if (!poolNames.contains(pool)) {
            throw new ConfigException(location, described + " attribute \"applicationPool\": \"" + pool
                    + "\" names no application pool (defined: " + String.join(", ", poolNames) + ")");
        }
        boolean preload = ((EffectiveElement) app).isSet("preloadEnabled") ? app.bool("preloadEnabled")
                : applicationDefaults.bool("preloadEnabled");
        List<SiteConfig.VirtualDirectory> directories = new ArrayList<>();
        for (ConfigElement vd : app.collection()) {
            SourceLocation at = vd.location().orElse(location);
            String element = "<virtualDirectory path=\"" + vd.attribute("path") + "\">";
            Path physical = PhysicalPaths.resolve(configFolder, vd.attribute("physicalPath"), element, "physicalPath",
                    at, environment);
            String vdPath = virtualPath(vd, at);
            // The root of an application may also be a packed web application (a .war file), as Tomcat deploys one.
            boolean war = vdPath.equals("/") && Files.isRegularFile(physical)
                    && physical.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".war");
            if (!Files.isDirectory(physical) && !war) {
                throw new ConfigException(at, element + " attribute \"physicalPath\": \"" + vd.attribute("physicalPath")
                        + "\" is not an existing folder (" + physical
                        + (Files.exists(physical) ? " is a file; only an application's root may be a .war file)"
                        : " does not exist)"));
            }
            directories.add(new SiteConfig.VirtualDirectory(vdPath, physical, at));
        }
        if (directories.stream().noneMatch(d -> d.path().equals("/"))) {
            throw new ConfigException(location, described + " has no root virtual directory: add "
                    + "<virtualDirectory path=\"/\" physicalPath=\"...\">");
        }
        return new SiteConfig.Application(path, pool, preload, List.copyOf(directories), location);
    }

    /** "/", "/app" or "/a/b": starts with "/", no trailing "/", no empty or dot segments. */
    private static String virtualPath(ConfigElement element, SourceLocation location) {
        String written = element.attribute("path");
        String p = written.endsWith("/") && written.length() > 1 ? written.substring(0, written.length() - 1) : written;
        boolean ok = p.startsWith("/") && !p.contains("//") && !p.contains("\\")
                && (p.equals("/") || !(p + "/").contains("/./") && !(p + "/").contains("/../"));
        if (!ok) {
            throw new ConfigException(location, "<" + element.name() + " path=\"" + written + "\"> attribute \"path\": \""
                    + written + "\" is not a virtual path (allowed: \"/\" or \"/name[/name...]\")");
        }
        return p;
    }
}
