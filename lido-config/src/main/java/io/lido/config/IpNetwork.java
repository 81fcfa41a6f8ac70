package io.lido.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 network as {@code system.webServer/security/ipSecurity} writes one: an address and a
 * subnet mask ({@code ipAddress="10.0.0.0" subnetMask="255.0.0.0"}) or a prefix length
 * ({@code ipAddress="2001:db8::" subnetMask="32"}). Only literals are parsed, so nothing here ever asks
 * DNS. IPv4-mapped IPv6 addresses ({@code ::ffff:10.1.2.3}) are their IPv4 address.
 *
 * @param network      the address with the bits outside the prefix cleared (4 or 16 bytes)
 * @param prefixLength how many leading bits must match (0 matches every address of the family)
 */
public record IpNetwork(byte[] network, int prefixLength) {
    /** IIS's default {@code subnetMask}: the whole address (for IPv6 too, where it means /128). */
    public static final String SINGLE_ADDRESS_MASK = "255.255.255.255";

    public IpNetwork {
        network = network.clone();
    }

    /**
     * Parses {@code ipAddress} with {@code subnetMask} ("" or {@link #SINGLE_ADDRESS_MASK} for one address).
     *
     * @throws IllegalArgumentException saying what is wrong, to follow the quoted value in a message
     */
    public static IpNetwork parse(String ipAddress, String subnetMask) {
        byte[] address = parseAddress(ipAddress);
        if (address == null) {
            throw new IllegalArgumentException("is not an IPv4 or IPv6 address (a literal such as 192.168.1.0 or "
                    + "2001:db8::; host names are not allowed)");
        }
        int bits = address.length * 8;
        int prefix = prefixLength(subnetMask, address.length);
        if (prefix < 0) {
            throw new IllegalArgumentException(address.length == 4
                    ? "is not a subnet mask (a contiguous mask such as 255.255.255.0, or a prefix length 0..32)"
                    : "is not an IPv6 prefix length (0..128; a dotted mask is for IPv4 addresses)");
        }
        byte[] masked = address.clone();
        for (int bit = prefix; bit < bits; bit++) {
            masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return new IpNetwork(masked, prefix);
    }

    /**
     * The bytes of an IPv4 (dotted quad) or IPv6 literal, an IPv4-mapped IPv6 address as its 4 IPv4 bytes;
     * null when {@code text} is no such literal (a host name, a zone index, a short form like "10.1").
     */
    public static byte[] parseAddress(String text) {
        if (text.indexOf(':') < 0) {
            return parseIpv4(text);
        }
        if (text.indexOf('%') >= 0 || text.indexOf('[') >= 0) {
            return null;
        }
        try {
            return normalize(Inet6Address.ofLiteral(text).getAddress());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The bytes of a connected peer's address, an IPv4-mapped IPv6 address as its IPv4 bytes. */
    public static byte[] bytesOf(InetAddress address) {
        return normalize(address.getAddress());
    }

    /** Whether {@code address} (4 or 16 bytes, as {@link #parseAddress} returns) is in this network. */
    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (address[full] & mask) == (network[full] & 0xff);
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpNetwork n && n.prefixLength == prefixLength && Arrays.equals(n.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefixLength;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int prefixLength(String mask, int addressBytes) {
        int bits = addressBytes * 8;
        if (mask.isEmpty() || mask.equals(SINGLE_ADDRESS_MASK)) {
            return bits;
        }
        if (mask.chars().allMatch(c -> c >= '0' && c <= '9')) {
            if (mask.length() > 3) {
                return -1;
            }
            int n = Integer.parseInt(mask);
            return n <= bits ? n : -1;
        }
        byte[] dotted = addressBytes == 4 ? parseIpv4(mask) : null;
        if (dotted == null) {
            return -1;
        }
        int value = ((dotted[0] & 0xff) << 24) | ((dotted[1] & 0xff) << 16) | ((dotted[2] & 0xff) << 8) | (dotted[3] & 0xff);
        int ones = Integer.bitCount(value);
        // contiguous: the ones are all leading
        return ones == 0 ? 0 : Integer.numberOfLeadingZeros(~value) == ones ? ones : -1;
    }

    private static byte[] parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte[] normalize(byte[] address) {
        if (address.length != 16) {
            return address;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return address;
            }
        }
        if (address[10] != (byte) 0xff || address[11] != (byte) 0xff) {
            return address;
        }
        return Arrays.copyOfRange(address, 12, 16);
    }
}
