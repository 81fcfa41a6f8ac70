package io.lido.runtime.internal;

import io.lido.api.GenericPrincipal;
import io.lido.ipc.RequestHead;
import io.lido.ipc.TlsDetails;

import java.security.Principal;
import java.util.Locale;

/**
 * IIS's server variables of a request (learn.microsoft.com/iis/web-dev-reference/server-variables), worked out
 * when asked for from the head the listener sent and the request's user: the connection, TLS, certificate and
 * authentication ones the application cannot see otherwise. Client certificates are not asked for yet, so the
 * client side of {@code CERT_*} is empty.
 */
final class ServerVariables {
    private ServerVariables() {
    }

    /** The variable's value, or null when Lido has no variable of that name. */
    static String of(RequestHead head, String name, Principal user) {
        TlsDetails tls = head.tls();
        boolean secure = head.secure();
        String upper = name.toUpperCase(Locale.ROOT);
        return switch (upper) {
            // IIS: AUTH_USER, REMOTE_USER and LOGON_USER are all "" for anonymous requests; LOGON_USER is the
            // Windows account the request runs as, which for Lido (no logon) is the authenticated user.
            case "AUTH_TYPE" -> user == null ? "" : user instanceof GenericPrincipal p ? p.authenticationType() : "";
            case "AUTH_USER", "REMOTE_USER", "LOGON_USER" -> user == null ? "" : user.getName();
            case "HTTPS" -> secure ? "on" : "off";
            case "SERVER_PORT_SECURE" -> secure ? "1" : "0";
            case "HTTPS_PROTOCOL" -> tls.protocol();
            case "HTTPS_CIPHER" -> tls.cipherSuite();
            case "HTTPS_KEYSIZE", "HTTPS_SECRETKEYSIZE", "CERT_KEYSIZE", "CERT_SECRETKEYSIZE" ->
                    secure ? String.valueOf(tls.keySize()) : "";
            case "HTTPS_SERVER_SUBJECT", "CERT_SERVER_SUBJECT" -> tls.serverSubject();
            case "HTTPS_SERVER_ISSUER", "CERT_SERVER_ISSUER" -> tls.serverIssuer();
            case "CERT_FLAGS" -> "0";
            case "CERT_COOKIE", "CERT_ISSUER", "CERT_SERIALNUMBER", "CERT_SUBJECT" -> "";
            case "SERVER_NAME" -> serverName(head);
            case "SERVER_PORT" -> String.valueOf(head.localPort());
            case "SERVER_PROTOCOL" -> "HTTP/1." + head.httpMinorVersion();
            case "REMOTE_ADDR", "REMOTE_HOST" -> head.remoteAddress();
            case "REMOTE_PORT" -> String.valueOf(head.remotePort());
            case "LOCAL_ADDR" -> head.localAddress();
            case "REQUEST_METHOD" -> head.method();
            case "URL", "PATH_INFO" -> head.path();
            case "QUERY_STRING" -> head.query();
            case "INSTANCE_ID" -> String.valueOf(head.siteId());
            default -> upper.startsWith("HTTP_") ? head.headers().get(upper.substring(5).replace('_', '-')) : null;
        };
    }

    /** The Host header's name without its port, or the local address when there is none (HTTP/1.0). */
    private static String serverName(RequestHead head) {
        String host = head.headers().get("Host");
        if (host == null || host.isEmpty()) {
            return head.localAddress();
        }
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close > 0 ? host.substring(0, close + 1) : host;
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }
}
