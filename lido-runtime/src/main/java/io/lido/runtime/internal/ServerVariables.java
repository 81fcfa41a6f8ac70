package io.lido.runtime.internal;

import io.lido.api.GenericPrincipal;
import io.lido.api.HttpRequest;

import java.security.Principal;
import java.util.Locale;

/**
 * The server variables Lido has ({@code Request.ServerVariables}), worked out from the request and its user
 * when asked for: nothing is computed for a request that asks for none.
 */
final class ServerVariables {
    private ServerVariables() {
    }

    /** The variable's value, or null when Lido has no variable of that name. */
    static String get(String name, HttpRequest request, Principal user) {
        String upper = name.toUpperCase(Locale.ROOT);
        return switch (upper) {
            // IIS: AUTH_USER, REMOTE_USER and LOGON_USER are all "" for anonymous requests; LOGON_USER is the
            // Windows account the request runs as, which for Lido (no logon) is the authenticated user.
            case "AUTH_TYPE" -> user == null ? "" : user instanceof GenericPrincipal p ? p.authenticationType() : "";
            case "AUTH_USER", "REMOTE_USER", "LOGON_USER" -> user == null ? "" : user.getName();
            case "REMOTE_ADDR", "REMOTE_HOST" -> request.remoteAddress();
            case "REQUEST_METHOD" -> request.method();
            case "SERVER_PROTOCOL" -> request.protocol();
            case "HTTPS" -> request.isSecure() ? "on" : "off";
            case "URL", "PATH_INFO" -> request.path();
            case "QUERY_STRING" -> request.queryString();
            default -> upper.startsWith("HTTP_") ? header(request, upper.substring(5)) : null;
        };
    }

    /** {@code HTTP_USER_AGENT} is the User-Agent header: '_' stands for '-'. */
    private static String header(HttpRequest request, String variable) {
        return request.header(variable.replace('_', '-'));
    }
}
