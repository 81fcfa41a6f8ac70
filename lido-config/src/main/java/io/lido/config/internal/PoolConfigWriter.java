package io.lido.config.internal;

import io.lido.config.ConfigException;
import io.lido.config.SiteConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes the configuration one application pool's workers receive, as WAS writes
 * {@code inetpub\temp\appPools\<pool>\<pool>.config} for each w3wp: the loaded applicationHost.config
 * without any other pool's definition, without the sites that have no application of this pool, without
 * the other pools' applications in the sites it shares with them, without the {@code <location>}s
 * that apply to none of its applications, and without the certificate stores (their key passwords are the
 * listener's). Everything else (server-level sections, defaults, bindings)
 * is kept as written.
 *
 * <p>Every element starts on the line it had in applicationHost.config (removed ones leave blank lines),
 * so that a worker that reads this text under the original file's name reports the original lines.
 * {@code physicalPath} and {@code directory} attributes of the sites are written resolved (environment
 * variables expanded by the host, absolute), so nothing depends on the worker's environment or folder.
 */
final class PoolConfigWriter {
    private final String pool;
    private final Map<String, SiteConfig> sites = new LinkedHashMap<>();
    private final Path configFolder;
    private final Function<String, String> environment;
    private final StringBuilder out = new StringBuilder();
    private int line = 1;

    private PoolConfigWriter(String pool, List<SiteConfig> sites, Path configFolder,
                             Function<String, String> environment) {
        this.pool = pool;
        for (SiteConfig site : sites) {
            this.sites.put(site.name().toLowerCase(Locale.ROOT), site);
        }
        this.configFolder = configFolder;
        this.environment = environment;
    }

    /**
     * The configuration of {@code pool}'s workers.
     *
     * @param root         applicationHost.config as read
     * @param sites        its bound sites (they know each application's effective pool)
     * @param configFolder the folder of applicationHost.config, which relative paths are resolved against
     * @param environment  the environment the host expanded {@code %NAME%} with
     */
    static String write(XmlElement root, String pool, List<SiteConfig> sites, Path configFolder,
                        Function<String, String> environment) {
        PoolConfigWriter writer = new PoolConfigWriter(pool, sites, configFolder, environment);
        writer.element(root, "");
        writer.out.append('\n');
        return writer.out.toString();
    }

    /** {@code sectionPath}: the element's path below {@code <configuration>}, {@code <location>}s left out. */
    private void element(XmlElement element, String sectionPath) {
        Map<String, String> attributes = element.attributes();
        if (sectionPath.startsWith("system.applicationHost/sites/")) {
            attributes = resolvedPaths(element);
        }
        moveTo(element.location().line());
        out.append('<').append(element.name());
        attributes.forEach((name, value) -> {
            out.append(' ').append(name).append("=\"");
            escape(value);
            out.append('"');
        });
        List<XmlElement> kept = new ArrayList<>();
        for (XmlElement child : element.children()) {
            if (keeps(child, sectionPath)) {
                kept.add(child);
            }
        }
        if (kept.isEmpty()) {
            out.append(" />");
            return;
        }
        out.append('>');
        for (XmlElement child : kept) {
            String childPath = child.name().equals("location") && sectionPath.isEmpty() ? ""
                    : sectionPath.isEmpty() ? child.name() : sectionPath + "/" + child.name();
            element(child, childPath);
        }
        out.append("</").append(element.name()).append('>');
    }

    private boolean keeps(XmlElement child, String parentPath) {
        return switch (parentPath) {
            case "" -> !child.name().equals("location") || keepsLocation(child.attributes().get("path"));
            // Certificate stores name key files and passwords: they stay with the listener, never reach a worker.
            case "system.applicationHost" -> !child.name().equals("sslCertificates")
                    && !child.name().equals("centralCertificateStore");
            case "system.applicationHost/applicationPools" ->
                    !child.name().equals("add") || pool.equalsIgnoreCase(child.attributes().get("name"));
            case "system.applicationHost/sites" -> !child.name().equals("site") || hostsPool(site(child));
            default -> !(child.name().equals("application") && parentPath.equals("system.applicationHost/sites/site"))
                    || isThisPools(child);
        };
    }

    private SiteConfig site(XmlElement siteElement) {
        String name = siteElement.attributes().get("name");
        return name == null ? null : sites.get(name.toLowerCase(Locale.ROOT));
    }

    private boolean hostsPool(SiteConfig site) {
        return site != null && site.applications().stream().anyMatch(a -> a.applicationPool().equalsIgnoreCase(pool));
    }

    /** An application element is kept when the bound application of its path (in any site) is this pool's. */
    private boolean isThisPools(XmlElement application) {
        String written = application.attributes().getOrDefault("path", "");
        String path = written.length() > 1 && written.endsWith("/") ? written.substring(0, written.length() - 1)
                : written;
        for (SiteConfig site : sites.values()) {
            for (SiteConfig.Application app : site.applications()) {
                if (app.location().equals(application.location()) && app.path().equalsIgnoreCase(path)) {
                    return app.applicationPool().equalsIgnoreCase(pool);
                }
            }
        }
        return false;
    }

    /**
     * A location is kept when it applies to every site ({@code path=""}), or names a site of this pool at a
     * level inside one of this pool's applications or above one (levels above an application pass their
     * settings down to it).
     */
    private boolean keepsLocation(String written) {
        String path = written == null ? "" : written.trim().replace('\\', '/');
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.isEmpty() || path.equals(".")) {
            return true;
        }
        int slash = path.indexOf('/');
        SiteConfig site = sites.get((slash < 0 ? path : path.substring(0, slash)).toLowerCase(Locale.ROOT));
        if (!hostsPool(site)) {
            return false;
        }
        List<String> segments = slash < 0 ? List.of() : List.of(path.substring(slash + 1).split("/"));
        SiteConfig.Application serving = SiteFolders.application(site, segments);
        if (serving != null && serving.applicationPool().equalsIgnoreCase(pool)) {
            return true;
        }
        for (SiteConfig.Application app : site.applications()) {
            if (app.applicationPool().equalsIgnoreCase(pool) && isAbove(segments, app.path())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAbove(List<String> segments, String applicationPath) {
        List<String> app = applicationPath.equals("/") ? List.of() : List.of(applicationPath.substring(1).split("/"));
        if (segments.size() > app.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            if (!segments.get(i).equalsIgnoreCase(app.get(i))) {
                return false;
            }
        }
        return true;
    }

    private Map<String, String> resolvedPaths(XmlElement element) {
        Map<String, String> attributes = new LinkedHashMap<>(element.attributes());
        attributes.replaceAll((name, value) -> {
            boolean isPath = element.name().equals("virtualDirectory") && name.equals("physicalPath")
                    || element.name().equals("logFile") && name.equals("directory");
            if (!isPath || value.isEmpty()) {
                return value;
            }
            try {
                return PhysicalPaths.resolve(configFolder, value, element.describe(), name, element.location(),
                        environment).toString();
            } catch (ConfigException e) {
                // A default the host never had to resolve (every site sets its own): left as written.
                return value;
            }
        });
        return attributes;
    }

    /** Blank lines up to {@code target}, so the next element starts on its original line. */
    private void moveTo(int target) {
        while (line < target) {
            out.append('\n');
            line++;
        }
    }

    private void escape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                // Written as references: a literal tab or line break in a value would be read as a space.
                case '\t' -> out.append("&#9;");
                case '\n' -> out.append("&#10;");
                case '\r' -> out.append("&#13;");
                default -> out.append(c);
            }
        }
    }
}
