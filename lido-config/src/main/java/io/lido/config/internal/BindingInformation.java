package io.lido.config.internal;

import io.lido.config.ConfigException;
import io.lido.config.SiteConfig;
import io.lido.config.SourceLocation;

import java.net.InetAddress;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses IIS's {@code bindingInformation="IP:port:host"}: IP is {@code *} or a literal IPv4 address or a
 * bracketed IPv6 address ({@code [::1]}); port 0..65535 (0 asks for an ephemeral port); host is empty
 * (any host) or a host name, optionally with a leading {@code *.} wildcard, stored lower case.
 */
final class BindingInformation {
    private static final Pattern HOST = Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    private BindingInformation() {
    }

    static SiteConfig.Binding parse(String protocol, String text, SourceLocation location) {
        String ip;
        String rest;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                throw invalid(text, location, "an IPv6 address must be written [address]:port:host");
            }
            ip = text.substring(1, close);
            rest = text.substring(close + 2);
            checkLiteral(ip, text, location, true);
        } else {
            int colon = text.indexOf(':');
            if (colon < 0) {
                throw invalid(text, location, "expected IP:port:host");
            }
            ip = text.substring(0, colon);
            rest = text.substring(colon + 1);
            if (!ip.equals("*")) {
                checkLiteral(ip, text, location, false);
            }
        }
        int colon = rest.indexOf(':');
        if (colon < 0) {
            throw invalid(text, location, "expected IP:port:host (the host may be empty, but the second ':' is required)");
        }
        int port = port(rest.substring(0, colon), text, location);
        String host = rest.substring(colon + 1).toLowerCase(Locale.ROOT);
        if (!host.isEmpty() && !HOST.matcher(host).matches()) {
            throw invalid(text, location, "\"" + host + "\" is not a valid host name");
        }
        return new SiteConfig.Binding(protocol, ip, port, host, location);
    }

    private static void checkLiteral(String ip, String text, SourceLocation location, boolean v6) {
        boolean ok;
        try {
            InetAddress address = InetAddress.ofLiteral(ip);
            ok = v6 == ip.contains(":") && address != null;
        } catch (IllegalArgumentException e) {
            ok = false;
        }
        if (!ok) {
            throw invalid(text, location, "\"" + ip + "\" is not * or a literal " + (v6 ? "IPv6" : "IPv4")
                    + " address");
        }
    }

    private static int port(String text, String whole, SourceLocation location) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw invalid(whole, location, "port \"" + text + "\" is not a whole number in 0..65535");
    }

    private static ConfigException invalid(String text, SourceLocation location, String reason) {
        return new ConfigException(location, "<binding> attribute \"bindingInformation\": \"" + text + "\" is invalid: "
                + reason + " (allowed: IP:port:host, IP is * or a literal address, e.g. *:8080: or 127.0.0.1:80:example.com)");
    }
}
