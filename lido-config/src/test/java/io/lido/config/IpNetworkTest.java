package io.lido.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Networks as ipSecurity writes them: IPv4 masks and prefixes, IPv6 prefixes, literals only. */
class IpNetworkTest {
    private static byte[] a(String text) {
        return IpNetwork.parseAddress(text);
    }

    @Test
    void anIpv4MaskOrPrefixSelectsItsNetwork() {
        IpNetwork net = IpNetwork.parse("10.20.30.40", "255.255.0.0");
        assertThat(net).hasToString("10.20.0.0/16").isEqualTo(IpNetwork.parse("10.20.0.0", "16"));
        assertThat(net.contains(a("10.20.255.1"))).isTrue();
        assertThat(net.contains(a("10.21.0.1"))).isFalse();
        assertThat(IpNetwork.parse("192.0.2.128", "255.255.255.128").contains(a("192.0.2.200"))).isTrue();
        assertThat(IpNetwork.parse("192.0.2.128", "25").contains(a("192.0.2.127"))).isFalse();
        assertThat(IpNetwork.parse("0.0.0.0", "0.0.0.0").contains(a("203.0.113.5"))).isTrue();
    }

    @Test
    void theDefaultMaskIsOneAddressForBothFamilies() {
        assertThat(IpNetwork.parse("192.0.2.1", IpNetwork.SINGLE_ADDRESS_MASK).prefixLength()).isEqualTo(32);
        IpNetwork v6 = IpNetwork.parse("2001:db8::1", IpNetwork.SINGLE_ADDRESS_MASK);
        assertThat(v6.prefixLength()).isEqualTo(128);
        assertThat(v6.contains(a("2001:db8:0:0::1"))).isTrue();
        assertThat(v6.contains(a("2001:db8::2"))).isFalse();
    }

    @Test
    void ipv6PrefixesMatchAndFamiliesDoNotMix() {
        IpNetwork net = IpNetwork.parse("2001:db8::", "33");
        assertThat(net.contains(a("2001:db8:7fff::1"))).isTrue();
        assertThat(net.contains(a("2001:db8:8000::1"))).isFalse();
        assertThat(IpNetwork.parse("0.0.0.0", "0").contains(a("::1"))).isFalse();
    }

    @Test
    void ipv4MappedAddressesAreIpv4() {
        assertThat(a("::ffff:192.0.2.1")).containsExactly(192, 0, 2, 1);
        assertThat(IpNetwork.parse("192.0.2.0", "24").contains(a("::ffff:192.0.2.9"))).isTrue();
    }

    @Test
    void onlyLiteralsAreAddresses() {
        assertThat(a("localhost")).isNull();
        assertThat(a("10.1")).as("no BSD short forms").isNull();
        assertThat(a("256.1.1.1")).isNull();
        assertThat(a("fe80::1%eth0")).isNull();
        assertThat(a("1.2.3.4.5")).isNull();
        assertThatThrownBy(() -> IpNetwork.parse("example.com", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IpNetwork.parse("10.0.0.0", "255.0.255.0")).hasMessageStartingWith("is not a subnet mask");
        assertThatThrownBy(() -> IpNetwork.parse("::", "129")).hasMessageStartingWith("is not an IPv6 prefix length");
    }
}
