package io.lido.api;

import java.security.Principal;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * An authenticated user, as an authentication module establishes it for {@link HttpContext#user()}: the
 * name, how it was authenticated ({@code "Basic"}, ...) and the roles it is in. ASP.NET's
 * {@code GenericPrincipal} with its {@code GenericIdentity} in one type. Immutable and thread-safe.
 *
 * <p>Role names compare without regard to case, as ASP.NET's {@code IsInRole} does; the name is kept as
 * the user wrote it.
 */
public final class GenericPrincipal implements Principal {
    private final String name;
    private final String authenticationType;
    private final Set<String> roles;
    private final Set<String> lowerCaseRoles;

    /**
     * @param name               the user name (not empty)
     * @param authenticationType the scheme that authenticated the user, e.g. "Basic"
     * @param roles              the roles (groups) the user is in
     */
    public GenericPrincipal(String name, String authenticationType, Collection<String> roles) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an authenticated user has a name");
        }
        this.name = name;
        this.authenticationType = Objects.requireNonNull(authenticationType, "authenticationType");
        this.roles = Collections.unmodifiableSet(new LinkedHashSet<>(roles));
        Set<String> lower = new LinkedHashSet<>();
        for (String role : roles) {
            lower.add(role.toLowerCase(Locale.ROOT));
        }
        this.lowerCaseRoles = Collections.unmodifiableSet(lower);
    }

    @Override
    public String getName() {
        return name;
    }

    /** The user name (ASP.NET {@code User.Identity.Name}). */
    public String name() {
        return name;
    }

    /** The scheme that authenticated the user, e.g. "Basic" (ASP.NET {@code User.Identity.AuthenticationType}). */
    public String authenticationType() {
        return authenticationType;
    }

    /** The roles the user is in, in the order the role store lists them. */
    public Set<String> roles() {
        return roles;
    }

    /** Whether the user is in {@code role} (any case). */
    public boolean isInRole(String role) {
        return role != null && lowerCaseRoles.contains(role.toLowerCase(Locale.ROOT));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GenericPrincipal p && p.name.equals(name) && p.authenticationType.equals(authenticationType)
                && p.roles.equals(roles);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, authenticationType, roles);
    }

    @Override
    public String toString() {
        return name + " (" + authenticationType + ", roles " + roles + ")";
    }
}
