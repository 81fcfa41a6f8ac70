package io.lido.modules.authorization;

import io.lido.api.GenericPrincipal;
import io.lido.config.ConfigElement;
import io.lido.config.ConfigException;

import java.security.Principal;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * One allow or deny rule of either authorization section: it applies to a request whose verb is listed (an
 * empty list is every verb) and whose user is listed ({@code *} everyone, {@code ?} the anonymous user, else a
 * name) or is in a listed role. Names, roles and verbs are comma-separated and compare without regard to case,
 * as IIS and ASP.NET compare them.
 *
 * @param allow  whether the rule allows (else denies)
 * @param users  listed user names, lower case, without {@code *} and {@code ?}
 * @param roles  listed roles, lower case
 * @param verbs  listed verbs, upper case; empty for all
 */
record AuthorizationRule(boolean allow, boolean everyone, boolean anonymous, Set<String> users, Set<String> roles,
                         Set<String> verbs) {

    /**
     * The rule of one collection entry.
     *
     * @throws ConfigException naming the entry when it lists neither users nor roles (it could match no one)
     */
    static AuthorizationRule from(ConfigElement entry, boolean allow, String section) {
        Set<String> users = list(entry.attribute("users"), false);
        Set<String> roles = list(entry.attribute("roles"), false);
        if (users.isEmpty() && roles.isEmpty()) {
            throw new ConfigException(entry.location().orElse(null), "<" + entry.name() + "> in " + section
                    + " lists neither users nor roles (\"*\" is everyone, \"?\" the anonymous user)");
        }
        boolean everyone = users.remove("*");
        boolean anonymous = users.remove("?");
        return new AuthorizationRule(allow, everyone, anonymous, Set.copyOf(users), Set.copyOf(roles),
                Set.copyOf(list(entry.attribute("verbs"), true)));
    }

    /** Whether the rule applies to a request of {@code verb} by {@code user} (null: anonymous). */
    boolean matches(Principal user, String verb) {
        if (!verbs.isEmpty() && !verbs.contains(verb.toUpperCase(Locale.ROOT))) {
            return false;
        }
        if (everyone) {
            return true;
        }
        if (user == null) {
            return anonymous;
        }
        if (users.contains(user.getName().toLowerCase(Locale.ROOT))) {
            return true;
        }
        if (user instanceof GenericPrincipal principal) {
            for (String role : roles) {
                if (principal.isInRole(role)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Set<String> list(String text, boolean upper) {
        Set<String> out = new LinkedHashSet<>();
        for (String part : text.split(",")) {
            String name = part.strip();
            if (!name.isEmpty()) {
                out.add(upper ? name.toUpperCase(Locale.ROOT) : name.equals("*") || name.equals("?") ? name
                        : name.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }
}
