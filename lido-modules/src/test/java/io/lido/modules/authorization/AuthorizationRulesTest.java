package io.lido.modules.authorization;

import io.lido.api.GenericPrincipal;
import io.lido.config.ConfigException;
import io.lido.modules.testing.TestConfigElement;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.security.Principal;
import java.util.List;

import static io.lido.modules.testing.TestConfigElement.element;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rule matching (users, ?, *, roles, verbs, any case) and the two evaluation orders on one merged collection. */
class AuthorizationRulesTest {
    private static final Principal FRED = new GenericPrincipal("Fred", "Basic", List.of());
    private static final Principal ALICE = new GenericPrincipal("alice", "Basic", List.of("BobAndFriends"));

    private static TestConfigElement iis(String accessType, String users, String roles, String verbs) {
        return element("add", "accessType", accessType, "users", users, "roles", roles, "verbs", verbs);
    }

    private static TestConfigElement aspNet(String kind, String users, String roles, String verbs) {
        return element(kind, "users", users, "roles", roles, "verbs", verbs);
    }

    private static TestConfigElement withEntries(TestConfigElement... entries) {
        return new TestConfigElement("authorization").entries(entries);
    }

    @Test
    void usersRolesAndVerbsMatchInAnyCase() {
        AuthorizationRule rule = AuthorizationRule.from(iis("Allow", " fred , ?", "bobandfriends", "get,Head"), true, "s");
        assertThat(rule.matches(FRED, "GET")).isTrue();
        assertThat(rule.matches(null, "HEAD")).as("? is the anonymous user").isTrue();
        assertThat(rule.matches(ALICE, "get")).as("by role").isTrue();
        assertThat(rule.matches(FRED, "POST")).as("not a listed verb").isFalse();
        AuthorizationRule everyone = AuthorizationRule.from(iis("Deny", "*", "", ""), false, "s");
        assertThat(everyone.matches(null, "DELETE")).isTrue();
        assertThat(everyone.matches(ALICE, "PUT")).isTrue();
    }

    @Test
    void aRuleWithoutUsersOrRolesIsAConfigurationError() {
        assertThatThrownBy(() -> AuthorizationRule.from(iis("Allow", "", "", "GET").writtenIn(Path.of("web.config"), 7),
                true, "system.webServer/security/authorization"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("web.config:7")
                .hasMessageContaining("lists neither users nor roles");
    }

    @Test
    void iisEvaluatesDenyRulesFirstAndDeniesWhenNothingMatches() {
        AuthorizationRules rules = AuthorizationRules.iisOrder(withEntries(
                iis("Allow", "Fred", "", ""), iis("Deny", "Fred", "", ""), iis("Allow", "", "BobAndFriends", "")));
        assertThat(rules.allows(FRED, "GET")).isFalse();
        assertThat(rules.allows(ALICE, "GET")).isTrue();
        assertThat(rules.allows(null, "GET")).as("no rule matches").isFalse();
    }

    @Test
    void aspNetTakesTheFirstMatchAndAllowsWhenNothingMatches() {
        AuthorizationRules rules = AuthorizationRules.aspNetOrder(withEntries(
                aspNet("allow", "Fred", "", ""), aspNet("deny", "Fred", "", ""), aspNet("deny", "?", "", "")));
        assertThat(rules.allows(FRED, "GET")).isTrue();
        assertThat(rules.allows(null, "GET")).isFalse();
        assertThat(rules.allows(ALICE, "GET")).as("no rule matches").isTrue();
    }
}
