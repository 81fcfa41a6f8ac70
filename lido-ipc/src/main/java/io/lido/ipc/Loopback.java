package io.lido.ipc;

/**
 * Decides whether a request is local (IIS: the client address is a loopback address or the server's
 * own address), which selects detailed error pages in the DetailedLocalOnly mode. Works on the textual
 * addresses so no name lookup ever happens. Used by the runtime's error pages and the pools' own 502/503.
 */
public final class Loopback {
    private Loopback() {
    }

    /** Whether the request came from this machine. */
    public static boolean isLocal(RequestHead head) {
        return isLocal(head.remoteAddress(), head.localAddress());
    }

    public static boolean isLocal(String remoteAddress, String localAddress) {
        if (remoteAddress == null || remoteAddress.isEmpty()) {
            return false;
        }
        String remote = strip(remoteAddress);
        if (remote.startsWith("127.") || remote.equals("::1") || remote.equals("0:0:0:0:0:0:0:1")
                || remote.startsWith("::ffff:127.")) {
            return true;
        }
        return localAddress != null && remote.equalsIgnoreCase(strip(localAddress));
    }

    /** Drops IPv6 brackets and a zone id ("[fe80::1%eth0]" gives "fe80::1"). */
    private static String strip(String address) {
        String a = address;
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        int zone = a.indexOf('%');
        return zone < 0 ? a : a.substring(0, zone);
    }
}
