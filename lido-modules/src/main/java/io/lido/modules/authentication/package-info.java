/**
 * IIS's authentication modules at AuthenticateRequest: {@link io.lido.modules.authentication.BasicAuthenticationModule}
 * (RFC 7617 Basic against an htpasswd file, roles from an htgroup file) and
 * {@link io.lido.modules.authentication.AnonymousAuthenticationModule} (401.2 when anonymous access is off and no
 * scheme authenticated the request). The user becomes {@code HttpContext.user()}, a
 * {@link io.lido.api.GenericPrincipal}.
 */
package io.lido.modules.authentication;
