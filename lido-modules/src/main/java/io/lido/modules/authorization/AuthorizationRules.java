package io.lido.modules.authorization;

import io.lido.config.ConfigElement;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;

/**
 * A folder's authorization rules in the order they are evaluated, first match wins, and what happens when none
 * matches. The two sections order them differently ("Understanding IIS URL Authorization", differences table):
 * <ul>
 * <li>IIS, {@code system.webServer/security/authorization}: all Deny rules first, the parent's before the
 * child's, then the Allow rules in the same order; no match denies (IIS ships one rule, allow {@code *}). The
 * merged collection lists parents' entries before children's, so a stable partition of it is that order. A
 * Deny written above cannot be undone below, which is what an administrator relies on.
 * <li>ASP.NET, {@code system.web/authorization}: the folder's own rules first, then its parents' up to the root,
 * each level's in the order written (the configuration merges this section child-first, so the collection is
 * already in that order); no match allows, as ASP.NET's root web.config ends with {@code <allow users="*"/>}.
 * A child's {@code <allow users="?"/>} overrides a parent's deny, which is what a developer relies on.
 * </ul>
 */
record AuthorizationRules(List<AuthorizationRule> ordered, boolean allowWhenNoMatch) {
    static final String IIS_SECTION = "system.webServer/security/authorization";
    static final String ASP_NET_SECTION = "system.web/authorization";

    static AuthorizationRules iisOrder(ConfigElement section) {
        List<AuthorizationRule> deny = new ArrayList<>();
        List<AuthorizationRule> allow = new ArrayList<>();
        for (ConfigElement entry : section.collection()) {
            boolean allows = entry.attribute("accessType").equals("Allow");
            (allows ? allow : deny).add(AuthorizationRule.from(entry, allows, IIS_SECTION));
        }
        deny.addAll(allow);
        return new AuthorizationRules(List.copyOf(deny), false);
    }

    static AuthorizationRules aspNetOrder(ConfigElement section) {
        List<AuthorizationRule> rules = new ArrayList<>();
        for (ConfigElement entry : section.collection()) {
            rules.add(AuthorizationRule.from(entry, entry.name().equals("allow"), ASP_NET_SECTION));
        }
        return new AuthorizationRules(List.copyOf(rules), true);
    }

    /** Whether {@code user} (null: anonymous) may make a request of {@code verb}. */
    boolean allows(Principal user, String verb) {
        for (AuthorizationRule rule : ordered) {
            if (rule.matches(user, verb)) {
                return rule.allow();
            }
        }
        return allowWhenNoMatch;
    }
}
