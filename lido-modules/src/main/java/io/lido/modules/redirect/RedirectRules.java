package io.lido.modules.redirect;

import io.lido.config.ConfigElement;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The effective {@code system.webServer/httpRedirect} section of one folder.
 *
 * @param enabled          {@code enabled}
 * @param destination      {@code destination}: an absolute URL or a path
 * @param exactDestination {@code exactDestination}: send the destination as is, not with the request's
 *                         path below the configured folder appended
 * @param childOnly        {@code childOnly}: only redirect files directly in the configured folder
 * @param status           {@code httpResponseStatus} as a status code
 * @param wildcards        the {@code add wildcard destination} entries, in order
 */
public record RedirectRules(boolean enabled, String destination, boolean exactDestination, boolean childOnly,
                            int status, List<Wildcard> wildcards) {

    /** The configuration section. */
    public static final String SECTION = "system.webServer/httpRedirect";

    /** One {@code add} entry: requests matching {@code wildcard} go to {@code destination}. */
    public record Wildcard(String wildcard, String destination) {
    }

    /** Binds the section. */
    public static RedirectRules from(ConfigElement section) {
        List<Wildcard> wildcards = new ArrayList<>();
        for (ConfigElement entry : section.collection()) {
            wildcards.add(new Wildcard(entry.attribute("wildcard"), entry.attribute("destination")));
        }
        return new RedirectRules(section.bool("enabled"), section.attribute("destination"),
                section.bool("exactDestination"), section.bool("childOnly"),
                statusCode(section.attribute("httpResponseStatus")), List.copyOf(wildcards));
    }

    /** IIS's httpResponseStatus names: Permanent 301, Found 302 (default), Temporary 307, PermRedirect 308. */
    static int statusCode(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "permanent", "301" -> 301;
            case "temporary", "307" -> 307;
            case "permredirect", "308" -> 308;
            case "found", "302", "" -> 302;
            default -> throw new IllegalArgumentException("httpResponseStatus \"" + name
                    + "\" is not one of Permanent, Found, Temporary, PermRedirect");
        };
    }
}
