package io.lido.modules.authentication;

import io.lido.api.GenericPrincipal;
import io.lido.api.HttpApplication;
import io.lido.api.HttpContext;
import io.lido.api.HttpException;
import io.lido.api.HttpModule;
import io.lido.api.PipelineEvent;
import io.lido.runtime.RequestContext;

import java.io.UncheckedIOException;

/**
 * IIS's BasicAuthenticationModule. At AuthenticateRequest, where {@code basicAuthentication} is enabled and the
 * request carries {@code Authorization: Basic}, checks the credentials against the folder's {@code userFile}:
 * a known user with the right password becomes {@code context.user()} (a {@link GenericPrincipal} with the roles
 * of {@code groupFile}); anything else ends the request with 401.1, as IIS logs a failed logon. At
 * PreSendRequestHeaders, every 401 of such a folder (401.1, 401.2 from anonymous access being off or from
 * URL authorization, 401.3) carries the challenge {@code WWW-Authenticate: Basic realm="..."}.
 *
 * <p>A user file that cannot be read or is not safe to trust fails the request with 500 (fail closed).
 */
public final class BasicAuthenticationModule implements HttpModule {
    private final BasicAuthenticator authenticator;

    /** A module sharing compiled settings, files and verified passwords with its siblings in other pooled application instances. */
    public BasicAuthenticationModule(BasicAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void init(HttpApplication application) {
        application.on(PipelineEvent.AUTHENTICATE_REQUEST, this::authenticate);
        application.on(PipelineEvent.PRE_SEND_REQUEST_HEADERS, this::challenge);
    }

    private void authenticate(HttpContext context) {
        BasicAuthenticationSettings basic = settings(context);
        String authorization = context.request().header("Authorization");
        if (!basic.enabled() || context.user() != null || !BasicCredentials.isBasic(authorization)) {
            return;
        }
        BasicCredentials credentials = BasicCredentials.parse(authorization);
        if (credentials == null) {
            throw new HttpException(401, 1, "Logon failed: the Basic credentials are malformed (RFC 7617)");
        }
        GenericPrincipal user;
        try {
            user = authenticator.authenticate(basic, credentials);
        } catch (UncheckedIOException unreadable) {
            throw new HttpException(500, 0, "Basic authentication: " + unreadable.getMessage(), unreadable);
        }
        if (user == null) {
            throw new HttpException(401, 1, "Logon failed: unknown user or wrong password");
        }
        context.user(user);
    }

    private void challenge(HttpContext context) {
        if (context.response().status() != 401) {
            return;
        }
        BasicAuthenticationSettings basic;
        try {
            basic = settings(context);
        } catch (RuntimeException invalid) {
            // The configuration error is the response already (500.19); there is nothing to challenge for.
            return;
        }
        if (basic.enabled()) {
            context.response().header("WWW-Authenticate", basic.challenge(context.request().host()));
        }
    }

    private BasicAuthenticationSettings settings(HttpContext context) {
        return authenticator.settings(((RequestContext) context).config().section(BasicAuthenticationSettings.SECTION));
    }

    @Override
    public String toString() {
        return "BasicAuthenticationModule";
    }
}
