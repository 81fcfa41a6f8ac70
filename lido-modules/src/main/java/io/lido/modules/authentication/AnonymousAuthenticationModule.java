package io.lido.modules.authentication;

import io.lido.api.HttpApplication;
import io.lido.api.HttpContext;
import io.lido.api.HttpException;
import io.lido.api.HttpModule;
import io.lido.api.PipelineEvent;
import io.lido.runtime.RequestContext;

/**
 * IIS's AnonymousAuthenticationModule, at AuthenticateRequest after the other schemes: a request no scheme
 * authenticated runs anonymously ({@code context.user()} stays null) where {@code anonymousAuthentication} is
 * enabled, and ends with 401.2 ("logon failed due to server configuration") where it is not — with the
 * challenges of the enabled schemes, which their modules add to every 401.
 *
 * <p>Lido serves anonymous requests as the pool identity: {@code userName} may only be IUSR or "" (the
 * configuration refuses any other), both meaning that identity.
 */
public final class AnonymousAuthenticationModule implements HttpModule {
    static final String SECTION = "system.webServer/security/authentication/anonymousAuthentication";

    @Override
    public void init(HttpApplication application) {
        application.on(PipelineEvent.AUTHENTICATE_REQUEST, this::authenticate);
    }

    private void authenticate(HttpContext context) {
        if (context.user() != null) {
            return;
        }
        if (!((RequestContext) context).config().section(SECTION).bool("enabled")) {
            throw new HttpException(401, 2, "Logon failed due to server configuration: anonymous access is disabled"
                    + " and the request has no credentials of an enabled authentication scheme");
        }
    }

    @Override
    public String toString() {
        return "AnonymousAuthenticationModule";
    }
}
