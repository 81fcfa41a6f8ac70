package io.lido.config.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every configuration section Lido understands, by path ({@code "system.webServer/handlers"}), with
 * where it may be written. Section groups ({@code system.webServer}, {@code system.webServer/security},
 * ...) are the path prefixes of the sections.
 */
public final class SectionRegistry {
    /**
     * The system.webServer sections Lido locks by default as IIS does. IIS locks most of them; Lido locks only
     * those an application should never loosen for itself (see the package documentation for why).
     */
    private static final Set<String> LOCKED_BY_DEFAULT = Set.of(IpSecuritySchema.IP_SECURITY,
            IpSecuritySchema.DYNAMIC_IP_SECURITY);

    /**
     * system.webServer sections IIS defines {@code allowDefinition="AppHostOnly"}: native modules, and the FastCGI
     * programs (a web.config author must not choose which executables the server starts).
     */
    private static final Set<String> APPLICATION_HOST_SECTIONS = Set.of("system.webServer/globalModules",
            "system.webServer/fastCgi");

    /** The registry of Lido's schema (after the sets above: static fields initialize in order). */
    public static final SectionRegistry STANDARD = new SectionRegistry();

    /** Where a section may be written. */
    public enum Scope {
        /** Only at the top level of applicationHost.config (pools, sites): not in location, not in web.config. */
        APPLICATION_HOST_ROOT,
        /** Only in applicationHost.config at server level (top level or {@code <location path="">}). */
        APPLICATION_HOST,
        /** In applicationHost.config, in any location, and in web.config. */
        EVERYWHERE
    }

    /**
     * One section.
     *
     * @param lockedByDefault IIS's {@code overrideModeDefault="Deny"}: only applicationHost.config may set it,
     *                        unless a {@code <location overrideMode="Allow">} there unlocks it for a path
     */
    public record Definition(String path, ElementSchema schema, Scope scope, boolean lockedByDefault) {
        Definition(String path, ElementSchema schema, Scope scope) {
            this(path, schema, scope, false);
        }
    }

    private final Map<String, Definition> sections;
    private final Map<String, Set<String>> groups;

    private SectionRegistry() {
        Map<String, Definition> s = new LinkedHashMap<>();
        ApplicationHostSchema.sections().forEach((p, e) -> s.put(p, new Definition(p, e, Scope.APPLICATION_HOST_ROOT)));
        WebServerSchema.sections().forEach((p, e) -> s.put(p, new Definition(p, e,
                APPLICATION_HOST_SECTIONS.contains(p) ? Scope.APPLICATION_HOST : Scope.EVERYWHERE,
                LOCKED_BY_DEFAULT.contains(p))));
        SystemWebSchema.sections().forEach((p, e) -> s.put(p, new Definition(p, e, Scope.EVERYWHERE)));
        this.sections = Collections.unmodifiableMap(s);
        Map<String, Set<String>> g = new LinkedHashMap<>();
        for (String path : s.keySet()) {
            String parent = "";
            for (String part : path.split("/")) {
                g.computeIfAbsent(parent, k -> new TreeSet<>()).add(part);
                parent = parent.isEmpty() ? part : parent + "/" + part;
            }
        }
        this.groups = Collections.unmodifiableMap(g);
    }

    /** The section at {@code path}, or null. */
    public Definition section(String path) {
        return sections.get(path);
    }

    public Map<String, Definition> sections() {
        return sections;
    }

    /** Whether {@code path} is a section group ("" is the {@code <configuration>} element). */
    public boolean isGroup(String path) {
        return groups.containsKey(path) && !sections.containsKey(path);
    }

    /** The element names allowed directly inside a group, for messages. */
    public Set<String> allowedIn(String groupPath) {
        return groups.getOrDefault(groupPath, Set.of());
    }
}
