package io.lido.servlet;

import io.lido.runtime.servlet.WebApplicationSpec;
import org.eclipse.jetty.ee11.servlet.security.ConstraintAware;
import org.eclipse.jetty.ee11.servlet.security.ConstraintMapping;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.security.Constraint;

import java.util.List;
import java.util.TreeSet;

/**
 * Refuses a web application that declares security constraints ({@code <security-constraint>} in web.xml or a
 * fragment, {@code @ServletSecurity}, or {@code ServletRegistration.setServletSecurity}): Lido's authentication and
 * authorization do not enforce them yet, and serving such an application would serve its protected URLs to anyone.
 */
final class SecurityConstraints {

    private SecurityConstraints() {
    }

    /**
     * Whether enforcing a constraint needs what Lido lacks: a user (a role, any authenticated user) or a transport
     * guarantee (CONFIDENTIAL). Denying or allowing everyone Jetty enforces itself, with no user store: so do its own
     * defaults (webdefault-ee11.xml forbids TRACE), and an {@code <auth-constraint/>} that denies all.
     */
    private static boolean needsLido(Constraint constraint) {
        if (constraint == null) {
            return false;
        }
        Constraint.Authorization authorization = constraint.getAuthorization();
        boolean user = authorization != null && authorization != Constraint.Authorization.ALLOWED
                && authorization != Constraint.Authorization.FORBIDDEN
                && authorization != Constraint.Authorization.INHERIT;
        return user || constraint.getTransport() == Constraint.Transport.SECURE;
    }

    /** @throws IllegalStateException naming the constrained URL patterns, when there are any */
    static void refuse(WebAppContext context, WebApplicationSpec spec) {
        if (!(context.getSecurityHandler() instanceof ConstraintAware aware)) {
            return;
        }
        List<ConstraintMapping> mappings = aware.getConstraintMappings();
        if (mappings == null || mappings.isEmpty()) {
            return;
        }
        TreeSet<String> patterns = new TreeSet<>();
        for (ConstraintMapping mapping : mappings) {
            if (needsLido(mapping.getConstraint())) {
                patterns.add(mapping.getPathSpec());
            }
        }
        if (patterns.isEmpty()) {
            return;
        }
        throw new IllegalStateException("the web application of " + spec.name() + " declares security constraints"
                + " that need a user or TLS (web.xml <security-constraint> or @ServletSecurity) for "
                + String.join(", ", patterns)
                + ": enforcing them is not supported yet, so it is refused rather than served unprotected");
    }
}
