package io.lido.modules.authorization;

import io.lido.api.HttpApplication;
import io.lido.api.HttpContext;
import io.lido.api.HttpException;
import io.lido.api.HttpModule;
import io.lido.api.PipelineEvent;
import io.lido.config.ConfigElement;
import io.lido.modules.support.SectionCache;
import io.lido.runtime.RequestContext;

import java.util.function.Function;

/**
 * URL authorization at AuthorizeRequest: applies the folder's rules ({@link AuthorizationRules}) to every
 * request, static files included, and ends a denied one with 401.2 (both IIS and ASP.NET report that). Two
 * built-in modules are made of it, each removable by its IIS name:
 * <ul>
 * <li>{@code UrlAuthorizationModule}, IIS's urlauthz.dll, over {@code system.webServer/security/authorization}
 * ({@link Rules#iis()});
 * <li>{@code UrlAuthorization}, ASP.NET's System.Web.Security.UrlAuthorizationModule, over
 * {@code system.web/authorization} ({@link Rules#aspNet()}). IIS registers it with the managedHandler
 * precondition, so there its rules protect only managed content; Lido applies them to every request, so that a
 * rule never protects less than it says.
 * </ul>
 */
public final class UrlAuthorizationModule implements HttpModule {
    private final Rules rules;

    /** A module sharing compiled rules with its siblings in other pooled application instances. */
    public UrlAuthorizationModule(Rules rules) {
        this.rules = rules;
    }

    @Override
    public void init(HttpApplication application) {
        application.on(PipelineEvent.AUTHORIZE_REQUEST, this::authorize);
    }

    private void authorize(HttpContext context) {
        AuthorizationRules folder = rules.cache.get(((RequestContext) context).config().section(rules.section));
        if (!folder.allows(context.user(), context.request().method())) {
            throw new HttpException(401, 2, "Access is denied by the authorization rules of " + rules.section + " for "
                    + (context.user() == null ? "the anonymous user" : "user " + context.user().getName())
                    + " and verb " + context.request().method());
        }
    }

    @Override
    public String toString() {
        return rules.name;
    }

    /** One section's compiled rules, which a catalog shares between the module instances it makes. */
    public static final class Rules {
        private final String name;
        private final String section;
        private final SectionCache<AuthorizationRules> cache;

        private Rules(String name, String section, Function<ConfigElement, AuthorizationRules> compiler) {
            this.name = name;
            this.section = section;
            this.cache = new SectionCache<>(compiler);
        }

        /** IIS's rules and order: the module named "UrlAuthorizationModule". */
        public static Rules iis() {
            return new Rules("UrlAuthorizationModule", AuthorizationRules.IIS_SECTION, AuthorizationRules::iisOrder);
        }

        /** ASP.NET's rules and order: the module named "UrlAuthorization". */
        public static Rules aspNet() {
            return new Rules("UrlAuthorization", AuthorizationRules.ASP_NET_SECTION, AuthorizationRules::aspNetOrder);
        }

        /** The module's IIS name. */
        public String name() {
            return name;
        }
    }
}
