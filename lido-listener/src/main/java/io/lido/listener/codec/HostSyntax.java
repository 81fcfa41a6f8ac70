package io.lido.listener.codec;

/**
 * Validates {@code Host} values and absolute-form authorities: {@code uri-host [ ":" port ]} of
 * RFC 3986 §3.2.2, where the host is a bracketed IPv6 literal, an IPv4 address or a registered name.
 * Registered names are limited to letters, digits, '-', '.', '_' and '~': percent-encoding and the
 * sub-delims (',' ';' '!' ...) are legal in RFC 3986 but no real DNS name uses them, and accepting them
 * only helps attackers confuse routing (RFC 9112 §3.2: a server MUST reject an invalid Host with 400).
 */
public final class HostSyntax {
    private HostSyntax() {
    }

    /** Whether {@code value} is a valid {@code host[:port]}; an empty value is not. */
    public static boolean isValid(String value) {
        int n = value.length();
        if (n == 0) {
            return false;
        }
        int hostEnd;
        if (value.charAt(0) == '[') {
            int close = value.indexOf(']');
            if (close < 0 || !isIpv6(value.substring(1, close))) {
                return false;
            }
            hostEnd = close + 1;
        } else {
            hostEnd = value.indexOf(':');
            if (hostEnd < 0) {
                hostEnd = n;
            }
            if (hostEnd == 0 || !isRegName(value, hostEnd)) {
                return false;
            }
        }
        if (hostEnd == n) {
            return true;
        }
        return value.charAt(hostEnd) == ':' && isPort(value, hostEnd + 1);
    }

    /** The host part without port, lower case (brackets kept for IPv6); assumes {@link #isValid}. */
    public static String hostName(String value) {
        int end;
        if (value.charAt(0) == '[') {
            end = value.indexOf(']') + 1;
        } else {
            int colon = value.indexOf(':');
            end = colon < 0 ? value.length() : colon;
        }
        String host = value.substring(0, end);
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return host.toLowerCase(java.util.Locale.ROOT);
            }
        }
        return host;
    }

    private static boolean isRegName(String value, int end) {
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPort(String value, int from) {
        int digits = value.length() - from;
        if (digits > 5) {
            return false;
        }
        int port = 0;
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            port = port * 10 + (c - '0');
        }
        return port <= 65535;
    }

    /** RFC 3986 IPv6address: eight 16-bit groups, one "::" at most, optionally ending in IPv4. */
    static boolean isIpv6(String s) {
        int doubleColon = s.indexOf("::");
        if (doubleColon < 0) {
            return groups(s, true) == 8;
        }
        if (s.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String left = s.substring(0, doubleColon);
        String right = s.substring(doubleColon + 2);
        int l = left.isEmpty() ? 0 : groups(left, false);
        int r = right.isEmpty() ? 0 : groups(right, true);
        return l >= 0 && r >= 0 && l + r <= 7;
    }

    /** Counts the 16-bit groups of a colon-separated run (an IPv4 tail counts 2), or -1 when invalid. */
    private static int groups(String run, boolean ipv4TailAllowed) {
        String[] parts = run.split(":", -1);
        int groups = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (ipv4TailAllowed && i == parts.length - 1 && p.indexOf('.') >= 0) {
                if (!isIpv4(p)) {
                    return -1;
                }
                groups += 2;
            } else if (p.isEmpty() || p.length() > 4
                    || !p.chars().allMatch(c -> c < 128 && Character.digit(c, 16) >= 0)) {
                return -1;
            } else {
                groups++;
            }
        }
        return groups;
    }

    private static boolean isIpv4(String s) {
        String[] octets = s.split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (String o : octets) {
            if (o.isEmpty() || o.length() > 3 || !o.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(o) > 255) {
                return false;
            }
        }
        return true;
    }
}
