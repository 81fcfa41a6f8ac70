package io.lido.config;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ipSecurity and dynamicIpSecurity in the configuration: IIS's schema and defaults, entries checked when the
 * file is loaded (file:line, element, attribute), and IIS's default lock (overrideModeDefault="Deny").
 */
class IpSecurityConfigTest {
    private static final String IP = "system.webServer/security/ipSecurity";
    private static final String DYNAMIC = "system.webServer/security/dynamicIpSecurity";

    @TempDir
    Path root;
    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(root);
    }

    private static String security(String body) {
        return "<system.webServer>\n<security>\n" + body + "\n</security>\n</system.webServer>";
    }

    private void refusedInHost(String rest, String needle, String message) {
        fixture.host(rest);
        assertThatThrownBy(fixture::load).isInstanceOf(ConfigException.class)
                .hasMessage(fixture.hostFile + ":" + fixture.hostLine(needle) + ": " + message);
    }

    @Test
    void defaultsAreIisDefaults() {
        fixture.host("");
        ServerConfig config = fixture.load();
        WebConfig web = config.webConfig(config.sites().getFirst(), "/");
        ConfigElement ip = web.section(IP);
        assertThat(ip.bool("allowUnlisted")).isTrue();
        assertThat(ip.attribute("denyAction")).isEqualTo("Forbidden");
        assertThat(ip.collection()).isEmpty();
        ConfigElement dynamic = web.section(DYNAMIC);
        assertThat(dynamic.child("denyByConcurrentRequests").bool("enabled")).isFalse();
        assertThat(dynamic.child("denyByConcurrentRequests").longValue("maxConcurrentRequests")).isEqualTo(5);
        assertThat(dynamic.child("denyByRequestRate").longValue("maxRequests")).isEqualTo(20);
        assertThat(dynamic.child("denyByRequestRate").longValue("requestIntervalInMilliseconds")).isEqualTo(200);
    }

    @Test
    void entriesMergeWithAddRemoveAndClear() {
        fixture.host(security("<ipSecurity allowUnlisted=\"false\">\n<add ipAddress=\"10.0.0.0\" subnetMask=\"255.0.0.0\" "
                + "allowed=\"true\" />\n<add ipAddress=\"2001:db8::1\" allowed=\"true\" />\n</ipSecurity>")
                + "\n<location path=\"S/app\">" + security("<ipSecurity>\n<remove ipAddress=\"2001:db8::1\" />\n"
                + "<add ipAddress=\"192.0.2.0\" subnetMask=\"24\" allowed=\"true\" />\n</ipSecurity>") + "</location>");
        ServerConfig config = fixture.load();
        SiteConfig site = config.sites().getFirst();
        assertThat(config.webConfig(site, "/").section(IP).collection()).extracting(e -> e.attribute("ipAddress"))
                .containsExactly("10.0.0.0", "2001:db8::1");
        assertThat(config.webConfig(site, "/app/").section(IP).collection()).extracting(e -> e.attribute("ipAddress"))
                .containsExactly("10.0.0.0", "192.0.2.0");
    }

    @Test
    void aBadAddressOrMaskIsRefusedWithItsLine() {
        refusedInHost(security("<ipSecurity>\n<add ipAddress=\"www.example.com\" />\n</ipSecurity>"), "<add ipAddress",
                "<add ipAddress=\"www.example.com\"> attribute \"ipAddress\": \"www.example.com\" is not an IPv4 or "
                        + "IPv6 address (a literal such as 192.168.1.0 or 2001:db8::; host names are not allowed)");
        refusedInHost(security("<ipSecurity>\n<add ipAddress=\"10.0.0.0\" subnetMask=\"255.0.255.0\" />\n</ipSecurity>"),
                "<add ipAddress", "<add ipAddress=\"10.0.0.0\"> attribute \"subnetMask\": \"255.0.255.0\" is not a subnet mask "
                        + "(a contiguous mask such as 255.255.255.0, or a prefix length 0..32)");
        refusedInHost(security("<ipSecurity>\n<add ipAddress=\"2001:db8::\" subnetMask=\"255.255.0.0\" />\n</ipSecurity>"),
                "<add ipAddress", "<add ipAddress=\"2001:db8::\"> attribute \"subnetMask\": \"255.255.0.0\" is not an IPv6 prefix "
                        + "length (0..128; a dotted mask is for IPv4 addresses)");
        refusedInHost(security("<ipSecurity>\n<add ipAddress=\"10.0.0.1\" subnetMask=\"33\" />\n</ipSecurity>"),
                "<add ipAddress", "<add ipAddress=\"10.0.0.1\"> attribute \"subnetMask\": \"33\" is not a subnet mask "
                        + "(a contiguous mask such as 255.255.255.0, or a prefix length 0..32)");
        refusedInHost(security("<dynamicIpSecurity denyAction=\"Teapot\" />"), "<dynamicIpSecurity",
                "<dynamicIpSecurity> attribute \"denyAction\": \"Teapot\" is not valid (allowed: AbortRequest, "
                        + "Unauthorized, Forbidden, NotFound)");
        refusedInHost(security("<dynamicIpSecurity>\n<denyByRequestRate maxRequests=\"0\" />\n</dynamicIpSecurity>"),
                "<denyByRequestRate", "<denyByRequestRate> attribute \"maxRequests\": \"0\" is out of range "
                        + "(allowed: 1..4294967295)");
    }

    @Test
    void aWebConfigMayNotSetTheSectionsByDefault() {
        fixture.host("");
        Path web = fixture.webConfig("www", security("<ipSecurity allowUnlisted=\"true\" />"));
        ServerConfig config = fixture.load();
        assertThatThrownBy(() -> config.webConfig(config.sites().getFirst(), "/"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(web + ":4: <ipSecurity> may not be set here: the section " + IP + " is locked by default "
                        + "(overrideModeDefault=\"Deny\", as in IIS; applicationHost.config may unlock it for a path with "
                        + "<location path=\"Site/path\" overrideMode=\"Allow\">)");
        fixture.webConfig("www", security("<dynamicIpSecurity />"));
        ServerConfig again = fixture.load();
        assertThatThrownBy(() -> again.webConfig(again.sites().getFirst(), "/"))
                .hasMessageContaining("the section " + DYNAMIC + " is locked by default");
    }

    @Test
    void applicationHostMaySetThemAtAnyPath() {
        fixture.host("<location path=\"S/app\">" + security("<ipSecurity allowUnlisted=\"false\" />") + "</location>");
        ServerConfig config = fixture.load();
        assertThat(config.webConfig(config.sites().getFirst(), "/app/x").section(IP).bool("allowUnlisted")).isFalse();
        assertThat(config.webConfig(config.sites().getFirst(), "/").section(IP).bool("allowUnlisted")).isTrue();
    }

    @Test
    void aLocationWithOverrideModeAllowUnlocksBelowItsPath() {
        fixture.host("<location path=\"S/app\" overrideMode=\"Allow\">" + security("<ipSecurity />") + "</location>");
        fixture.webConfig("app", security("<ipSecurity allowUnlisted=\"false\" />"));
        ServerConfig config = fixture.load();
        SiteConfig site = config.sites().getFirst();
        assertThat(config.webConfig(site, "/app/").section(IP).bool("allowUnlisted")).isFalse();
        // the site's root is not below S/app: still locked there
        fixture.webConfig("www", security("<ipSecurity allowUnlisted=\"false\" />"));
        ServerConfig again = fixture.load();
        assertThatThrownBy(() -> again.webConfig(again.sites().getFirst(), "/")).hasMessageContaining("is locked by default");
    }

    @Test
    void aWebConfigCannotUnlockItForItself() {
        fixture.host("");
        fixture.webConfig("www", "<location path=\"sub\" overrideMode=\"Allow\">" + security("<ipSecurity />")
                + "</location>");
        ServerConfig config = fixture.load();
        assertThatThrownBy(() -> config.webConfig(config.sites().getFirst(), "/sub/"))
                .hasMessageContaining("is locked by default");
    }

    @Test
    void otherSectionsStayUnlocked() {
        fixture.host("");
        fixture.webConfig("www", "<system.webServer><directoryBrowse enabled=\"true\" /></system.webServer>");
        ServerConfig config = fixture.load();
        assertThatCode(() -> config.webConfig(config.sites().getFirst(), "/")).doesNotThrowAnyException();
    }
}
