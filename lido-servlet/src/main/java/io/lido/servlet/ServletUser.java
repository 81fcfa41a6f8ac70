package io.lido.servlet;

import io.lido.api.GenericPrincipal;
import org.eclipse.jetty.security.AuthenticationState;
import org.eclipse.jetty.security.UserIdentity;
import org.eclipse.jetty.security.authentication.LoginAuthenticator;
import org.eclipse.jetty.server.Request;

import javax.security.auth.Subject;
import java.security.Principal;
import java.util.Locale;

/**
 * Hands the user Lido's authentication modules established ({@code context.user()}) to the servlet API, as IIS
 * hands its user to the application: {@code getUserPrincipal()}, {@code getRemoteUser()}, {@code getAuthType()}
 * ({@code "BASIC"}, the servlet spelling) and {@code isUserInRole()} (the user's groups).
 */
final class ServletUser {
    private ServletUser() {
    }

    /** Marks Jetty's request as authenticated as {@code user}; an anonymous request (null) stays unauthenticated. */
    static void attach(Request request, Principal user) {
        if (user == null) {
            return;
        }
        String scheme = "";
        String[] roles = new String[0];
        if (user instanceof GenericPrincipal principal) {
            scheme = principal.authenticationType().toUpperCase(Locale.ROOT);
            roles = principal.roles().toArray(String[]::new);
        }
        AuthenticationState.setAuthenticationState(request, new LoginAuthenticator.UserAuthenticationSucceeded(scheme,
                UserIdentity.from(new Subject(), user, roles)));
    }
}
