package io.lido.modules.fastcgi;

import io.lido.ipc.HeaderList;
import io.lido.ipc.RequestHead;
import io.lido.runtime.RequestContext;

import java.nio.file.Path;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The CGI/1.1 meta-variables of one request (RFC 3875 §4.1), as FastCGI PARAMS: what php-cgi reads into
 * {@code $_SERVER}. Beside RFC 3875's, {@code SCRIPT_FILENAME} (the script's file, which php-cgi executes),
 * {@code REQUEST_URI} (the request-target as received), {@code DOCUMENT_ROOT}, {@code HTTPS} ("on"/"off", as IIS
 * sends it), IIS's {@code INSTANCE_ID}, {@code APPL_PHYSICAL_PATH}, {@code AUTH_USER}, and {@code REDIRECT_STATUS=200},
 * without which php-cgi's {@code cgi.force_redirect} refuses to run a script.
 *
 * <p>Request headers become {@code HTTP_*} (RFC 3875 §4.1.18), except Content-Type and Content-Length (they are
 * CONTENT_TYPE and CONTENT_LENGTH), {@code Proxy} (CVE-2016-5385, "httpoxy": HTTP_PROXY would steer the script's own
 * outgoing requests), and names with characters other than letters, digits and '-': "X_Forwarded_For" would
 * otherwise pass for X-Forwarded-For.
 */
final class CgiVariables {
    private CgiVariables() {
    }

    /**
     * The variables of a request for {@code script}.
     *
     * @param contentLength the body length sent as STDIN (0: none)
     */
    static Map<String, String> of(RequestContext context, Path script, long contentLength) {
        RequestHead head = context.head();
        Map<String, String> v = new LinkedHashMap<>(64);
        v.put("GATEWAY_INTERFACE", "CGI/1.1");
        v.put("SERVER_SOFTWARE", "Lido");
        v.put("SERVER_PROTOCOL", context.request().protocol());
        v.put("SERVER_NAME", serverName(head));
        v.put("SERVER_PORT", Integer.toString(head.localPort()));
        v.put("SERVER_ADDR", head.localAddress());
        v.put("REQUEST_METHOD", head.method());
        v.put("REQUEST_URI", head.rawTarget());
        v.put("QUERY_STRING", head.query());
        v.put("SCRIPT_NAME", head.path());
        v.put("SCRIPT_FILENAME", script.toString());
        v.put("PATH_INFO", "");
        Path applicationRoot = context.server().mapPath(context.request().applicationPath());
        v.put("DOCUMENT_ROOT", siteRoot(context, applicationRoot).toString());
        v.put("APPL_PHYSICAL_PATH", applicationRoot + "/");
        v.put("INSTANCE_ID", Long.toString(head.siteId()));
        v.put("REMOTE_ADDR", head.remoteAddress());
        v.put("REMOTE_HOST", head.remoteAddress());
        v.put("REMOTE_PORT", Integer.toString(head.remotePort()));
        v.put("HTTPS", head.secure() ? "on" : "off");
        v.put("REDIRECT_STATUS", "200");
        Principal user = context.user();
        if (user != null) {
            v.put("REMOTE_USER", user.getName());
            v.put("AUTH_USER", user.getName());
        }
        if (contentLength > 0 || head.hasBody()) {
            v.put("CONTENT_LENGTH", Long.toString(contentLength));
        }
        String type = head.headers().get("Content-Type");
        if (type != null) {
            v.put("CONTENT_TYPE", type);
        }
        headers(head.headers(), v);
        return v;
    }

    private static void headers(HeaderList headers, Map<String, String> v) {
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            if (name.equalsIgnoreCase("Content-Type") || name.equalsIgnoreCase("Content-Length")
                    || name.equalsIgnoreCase("Proxy") || !plainName(name)) {
                continue;
            }
            String key = "HTTP_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
            String value = headers.value(i);
            // RFC 9110 §5.3: repeated fields join with commas, except Cookie (RFC 6265 §5.4: "; ").
            v.merge(key, value, (first, next) -> first + (key.equals("HTTP_COOKIE") ? "; " : ", ") + next);
        }
    }

    /** The site's root folder; the application's when "/" is not one of its folders (mapPath refuses it). */
    private static Path siteRoot(RequestContext context, Path applicationRoot) {
        try {
            return context.server().mapPath("/");
        } catch (RuntimeException e) {
            return applicationRoot;
        }
    }

    private static boolean plainName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return !name.isEmpty();
    }

    /** The Host header without its port ("[::1]" stays bracketed), else the local address. */
    private static String serverName(RequestHead head) {
        String host = head.headers().get("Host");
        if (host == null || host.isBlank()) {
            return head.localAddress();
        }
        host = host.trim();
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close > 0 ? host.substring(0, close + 1) : host;
        }
        int colon = host.indexOf(':');
        return colon >= 0 ? host.substring(0, colon) : host;
    }
}
