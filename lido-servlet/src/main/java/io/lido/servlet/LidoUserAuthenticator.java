package io.lido.servlet;

import io.lido.api.GenericPrincipal;
import org.eclipse.jetty.security.AbstractLoginService;
import org.eclipse.jetty.security.AuthenticationState;
import org.eclipse.jetty.security.RolePrincipal;
import org.eclipse.jetty.security.SecurityHandler;
import org.eclipse.jetty.security.UserPrincipal;
import org.eclipse.jetty.security.UserIdentity;
import org.eclipse.jetty.security.authentication.LoginAuthenticator;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import javax.security.auth.Subject;
import java.security.Principal;
import java.util.List;
import java.util.Locale;

/**
 * Hands the user Lido's authentication modules established ({@code context.user()}) to the servlet API, as IIS
 * hands its user to the application: {@code getUserPrincipal()}, {@code getRemoteUser()}, {@code getAuthType()}
 * ({@code "BASIC"}, the servlet spelling) and {@code isUserInRole()} (the user's groups).
 *
 * <p>Jetty's SecurityHandler gives every request its own deferred authentication, which asks the context's
 * authenticator when the application first wants the user; this authenticator answers with the user the exchange
 * carries (set by {@link #attach}), so nothing of Jetty authenticates anyone. It logs no one in ({@link Users}).
 */
final class LidoUserAuthenticator extends LoginAuthenticator {
    private static final String ATTRIBUTE = "io.lido.servlet.user";

    /** Makes this authenticator the one of {@code security} (before the context starts). */
    static void install(SecurityHandler security) {
        security.setLoginService(new Users());
        security.setAuthenticator(new LidoUserAuthenticator());
    }

    /** Carries {@code user} on Jetty's request; an anonymous request (null) stays unauthenticated. */
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
        request.setAttribute(ATTRIBUTE, new UserAuthenticationSucceeded(scheme, UserIdentity.from(new Subject(), user, roles)));
    }

    @Override
    public String getAuthenticationType() {
        return "LIDO";
    }

    @Override
    public AuthenticationState validateRequest(Request request, Response response, Callback callback) {
        return request.getAttribute(ATTRIBUTE) instanceof AuthenticationState.Succeeded user ? user : null;
    }

    /** Jetty's authenticators need a login service; Lido's users are checked by Lido's modules, never here. */
    private static final class Users extends AbstractLoginService {
        Users() {
            setName("Lido");
        }

        @Override
        protected List<RolePrincipal> loadRoleInfo(UserPrincipal user) {
            return List.of();
        }

        @Override
        protected UserPrincipal loadUserInfo(String username) {
            return null;
        }
    }
}
