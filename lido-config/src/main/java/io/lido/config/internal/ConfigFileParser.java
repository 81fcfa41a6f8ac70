package io.lido.config.internal;

import io.lido.config.ConfigException;
import io.lido.config.SourceLocation;
import io.lido.config.internal.LocationTag.OverrideMode;
import io.lido.config.internal.SectionRegistry.Definition;
import io.lido.config.internal.SectionRegistry.Scope;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the XML tree of a configuration file into validated {@link SectionOccurrence}s: walks
 * {@code <configuration>}, its section groups and {@code <location>} elements, checks every section
 * against the schema and checks that each section is allowed in this kind of file.
 */
public final class ConfigFileParser {
    /** Which file is being read; decides which sections are allowed. */
    public enum Kind { APPLICATION_HOST, WEB_CONFIG, DEFAULTS }

    private final SectionRegistry registry;
    private final Kind kind;

    public ConfigFileParser(SectionRegistry registry, Kind kind) {
        this.registry = registry;
        this.kind = kind;
    }

    /** Parses an already read XML tree. */
    public ConfigFile parse(XmlElement root) {
        if (!root.name().equals("configuration")) {
            throw new ConfigException(root.location(), "the root element must be <configuration>, not <"
                    + root.name() + ">");
        }
        checkNoAttributes(root);
        List<SectionOccurrence> out = new ArrayList<>();
        for (XmlElement child : root.children()) {
            if (child.name().equals("location")) {
                LocationTag tag = location(child);
                for (XmlElement inner : child.children()) {
                    walk(inner, "", tag, out);
                }
            } else {
                walk(child, "", null, out);
            }
        }
        checkDuplicates(out);
        return new ConfigFile(root.location().file(), List.copyOf(out));
    }

    private void walk(XmlElement element, String parentGroup, LocationTag tag, List<SectionOccurrence> out) {
        String path = parentGroup.isEmpty() ? element.name() : parentGroup + "/" + element.name();
        Definition section = registry.section(path);
        if (section != null) {
            checkScope(section, element, tag);
            out.add(new SectionOccurrence(section, NodeValidator.validate(element, section.schema()), tag));
        } else if (registry.isGroup(path)) {
            checkNoAttributes(element);
            for (XmlElement child : element.children()) {
                walk(child, path, tag, out);
            }
        } else {
            String where = parentGroup.isEmpty() ? (tag != null ? tag.describe() : "<configuration>")
                    : "<" + parentGroup.substring(parentGroup.lastIndexOf('/') + 1) + ">";
            throw new ConfigException(element.location(), "<" + element.name() + "> is not a known section in "
                    + where + " (allowed: " + String.join(", ", registry.allowedIn(parentGroup))
                    + (parentGroup.isEmpty() && tag == null ? ", location" : "") + ")");
        }
    }

    private void checkScope(Definition section, XmlElement element, LocationTag tag) {
        boolean allowed = switch (section.scope()) {
            case EVERYWHERE -> true;
            case APPLICATION_HOST_ROOT -> kind != Kind.WEB_CONFIG && tag == null;
            case APPLICATION_HOST -> kind != Kind.WEB_CONFIG && (tag == null || tag.path().isEmpty());
        };
        if (allowed) {
            return;
        }
        String rule = section.scope() == Scope.APPLICATION_HOST_ROOT
                ? "may only be set at the top level of applicationHost.config"
                : "may only be set at server level in applicationHost.config (top level or <location path=\"\">)";
        throw new ConfigException(element.location(), "<" + element.name() + "> may not be set here: the section "
                + section.path() + " " + rule);
    }

    private LocationTag location(XmlElement element) {
        String path = null;
        OverrideMode mode = OverrideMode.INHERIT;
        String modeAttribute = null;
        boolean inherit = true;
        for (Map.Entry<String, String> a : element.attributes().entrySet()) {
            String value = a.getValue().trim();
            switch (a.getKey()) {
                case "path" -> path = a.getValue();
                case "overrideMode" -> {
                    mode = overrideMode(element, value);
                    modeAttribute = duplicateMode(element, modeAttribute, "overrideMode");
                }
                case "allowOverride" -> {
                    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                        throw invalid(element, "allowOverride", value, "is not a boolean (allowed: true, false)");
                    }
                    mode = value.equalsIgnoreCase("true") ? OverrideMode.ALLOW : OverrideMode.DENY;
                    modeAttribute = duplicateMode(element, modeAttribute, "allowOverride");
                }
                case "inheritInChildApplications" -> {
                    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                        throw invalid(element, "inheritInChildApplications", value,
                                "is not a boolean (allowed: true, false)");
                    }
                    inherit = value.equalsIgnoreCase("true");
                }
                case "xmlns" -> {
                    // Visual Studio writes the .NET configuration namespace; it means nothing here.
                }
                default -> throw new ConfigException(element.location(), element.describe()
                        + " has no attribute \"" + a.getKey()
                        + "\" (allowed: path, overrideMode, allowOverride, inheritInChildApplications)");
            }
        }
        String written = path == null ? "" : path;
        return new LocationTag(normalizePath(element, written), written, mode, inherit, element.location());
    }

    private static String duplicateMode(XmlElement element, String previous, String current) {
        if (previous != null) {
            throw new ConfigException(element.location(), element.describe() + " sets both \"" + previous
                    + "\" and \"" + current + "\"; use only overrideMode");
        }
        return current;
    }

    private static OverrideMode overrideMode(XmlElement element, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "allow" -> OverrideMode.ALLOW;
            case "deny" -> OverrideMode.DENY;
            case "inherit" -> OverrideMode.INHERIT;
            default -> throw invalid(element, "overrideMode", value, "is not valid (allowed: Allow, Deny, Inherit)");
        };
    }

    private static String normalizePath(XmlElement element, String written) {
        String p = written.trim().replace('\\', '/');
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.equals(".")) {
            return "";
        }
        for (String segment : p.split("/")) {
            if (segment.equals("..") || segment.equals(".") || (segment.isEmpty() && !p.isEmpty())) {
                throw invalid(element, "path", written, "is not a valid location path (no empty, \".\" or \"..\" segments)");
            }
        }
        return p;
    }

    private static ConfigException invalid(XmlElement element, String attribute, String value, String reason) {
        return new ConfigException(element.location(), element.describe() + " attribute \"" + attribute + "\": \""
                + value + "\" " + reason);
    }

    private static void checkNoAttributes(XmlElement element) {
        for (String name : element.attributes().keySet()) {
            if (!name.equals("xmlns") && !name.startsWith("xmlns:")) {
                throw new ConfigException(element.location(), element.describe() + " has no attribute \"" + name
                        + "\" (allowed: none)");
            }
        }
    }

    private static void checkDuplicates(List<SectionOccurrence> occurrences) {
        Map<String, SectionOccurrence> seen = new HashMap<>();
        for (SectionOccurrence o : occurrences) {
            // A section at the top level may be restated in <location path=""> to lock or unlock it.
            String key = (o.location() == null ? "top|" : "location:" + o.targetPath().toLowerCase(Locale.ROOT) + "|")
                    + o.section().path();
            SectionOccurrence first = seen.putIfAbsent(key, o);
            if (first != null) {
                SourceLocation at = first.node().location();
                throw new ConfigException(o.node().location(), "<" + o.node().name() + "> is written twice for the "
                        + "same path: the section " + o.section().path() + " was already set at " + at);
            }
        }
    }
}
