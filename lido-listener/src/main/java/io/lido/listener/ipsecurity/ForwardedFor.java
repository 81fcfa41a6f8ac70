package io.lido.listener.ipsecurity;

import io.lido.config.IpNetwork;

import java.util.ArrayList;
import java.util.List;

/**
 * The addresses of an {@code X-Forwarded-For} field, for {@code enableProxyMode}: comma-separated, each
 * possibly with a port ({@code 192.0.2.1:4711}, {@code [2001:db8::1]:443}). An entry that is no address
 * (a host name, "unknown") is kept as null, so that the caller decides what it means.
 */
final class ForwardedFor {
    private ForwardedFor() {
    }

    /** Every entry of the fields (several fields read as one list, in order). */
    static List<byte[]> addresses(List<String> fields) {
        List<byte[]> out = new ArrayList<>();
        for (String field : fields) {
            for (String entry : field.split(",")) {
                String e = entry.trim();
                if (!e.isEmpty()) {
                    out.add(address(e));
                }
            }
        }
        return out;
    }

    private static byte[] address(String entry) {
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            return close < 0 ? null : IpNetwork.parseAddress(entry.substring(1, close));
        }
        int colon = entry.indexOf(':');
        if (colon >= 0 && colon == entry.lastIndexOf(':')) {
            // one colon: IPv4 with a port
            return IpNetwork.parseAddress(entry.substring(0, colon));
        }
        return IpNetwork.parseAddress(entry);
    }
}
