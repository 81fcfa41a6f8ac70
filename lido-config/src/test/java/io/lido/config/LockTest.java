package io.lido.config;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** overrideMode / allowOverride locking, and sections that may not appear in web.config at all. */
class LockTest {
    private static final String HEADERS = "<system.webServer><httpProtocol><customHeaders><add name=\"X\" value=\"1\" />"
            + "</customHeaders></httpProtocol></system.webServer>";

    @TempDir
    Path root;
    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(root);
    }

    @Test
    void webConfigSettingALockedSectionNamesBothPlaces() {
        fixture.host("<location path=\"\" overrideMode=\"Deny\">\n" + HEADERS + "\n</location>");
        Path web = fixture.webConfig("www", "<system.webServer>\n<httpProtocol allowKeepAlive=\"false\" />\n</system.webServer>");
        ServerConfig config = fixture.load();
        assertThatThrownBy(() -> config.webConfig(config.sites().getFirst(), "/index.html"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(web + ":3: <httpProtocol> may not be set here: the section system.webServer/httpProtocol is "
                        + "locked by " + fixture.hostFile + ":" + fixture.hostLine("<location") + " (<location path=\"\" "
                        + "overrideMode=\"Deny\">)");
        // The lock does not stop other sections, nor folders without a web.config of their own.
        fixture.webConfig("www", "<system.webServer><directoryBrowse enabled=\"true\" /></system.webServer>");
        ServerConfig fixed = fixture.load();
        assertThat(fixed.webConfig(fixed.sites().getFirst(), "/").section("system.webServer/directoryBrowse")
                .bool("enabled")).isTrue();
    }

    @Test
    void legacyAllowOverrideFalseLocksToo() {
        fixture.host("<location path=\"S\" allowOverride=\"false\">" + HEADERS + "</location>");
        fixture.webConfig("app", HEADERS);
        ServerConfig config = fixture.load();
        assertThatThrownBy(() -> config.webConfig(config.sites().getFirst(), "/app/"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("is locked by " + fixture.hostFile)
                .hasMessageEndingWith("(<location path=\"S\" overrideMode=\"Deny\">)");
    }

    @Test
    void deeperLocationInApplicationHostMayNotSetALockedSection() {
        fixture.host("<location path=\"S\" overrideMode=\"Deny\">" + HEADERS + "</location>\n"
                + "<location path=\"S/app\">\n" + HEADERS + "</location>");
        assertThatThrownBy(fixture::load).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(fixture.hostFile + ":" + (fixture.hostLine("<location path=\"S/app\">") + 1)
                        + ": <httpProtocol> may not be set here: the section system.webServer/httpProtocol is locked by "
                        + fixture.hostFile + ":");
    }

    @Test
    void overrideModeAllowUnlocksBelowItsPath() {
        fixture.host("<location path=\"\" overrideMode=\"Deny\">" + HEADERS + "</location>\n"
                + "<location path=\"S/app\" overrideMode=\"Allow\">" + HEADERS.replace("\"X\"", "\"Y\"") + "</location>");
        fixture.webConfig("app", HEADERS.replace("\"X\"", "\"Z\""));
        ServerConfig config = fixture.load();
        SiteConfig site = config.sites().getFirst();
        assertThat(config.webConfig(site, "/app/").section("system.webServer/httpProtocol").child("customHeaders")
                .collection()).extracting(e -> e.attribute("name")).containsExactly("X", "Y", "Z");
        // Outside S/app the server-level lock still holds.
        fixture.webConfig("www/docs", HEADERS.replace("\"X\"", "\"W\""));
        assertThatThrownBy(() -> config.webConfig(site, "/docs/")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("may not be set here");
    }

    @Test
    void lockInAWebConfigLocationBindsSubfolderWebConfigs() {
        fixture.host("");
        Path rootWeb = fixture.webConfig("www", "<location path=\"admin\" overrideMode=\"Deny\">"
                + "<system.webServer><directoryBrowse enabled=\"true\" /></system.webServer></location>");
        Path admin = fixture.webConfig("www/admin", "<system.webServer><directoryBrowse enabled=\"false\" /></system.webServer>");
        ServerConfig config = fixture.load();
        assertThatThrownBy(() -> config.webConfig(config.sites().getFirst(), "/admin/"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(admin + ":2: <directoryBrowse> may not be set here: the section system.webServer/directoryBrowse"
                        + " is locked by " + rootWeb + ":2 (<location path=\"admin\" overrideMode=\"Deny\">)");
    }

    @Test
    void applicationHostSectionsAreRefusedInWebConfig() {
        fixture.host("");
        Path web = fixture.webConfig("www", "<system.applicationHost>\n<sites />\n</system.applicationHost>");
        ServerConfig config = fixture.load();
        assertThatThrownBy(() -> config.webConfig(config.sites().getFirst(), "/"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(web + ":3: <sites> may not be set here: the section system.applicationHost/sites may only be "
                        + "set at the top level of applicationHost.config");
    }

    @Test
    void globalModulesOnlyAtServerLevel() {
        fixture.host("");
        Path web = fixture.webConfig("www", "<system.webServer><globalModules /></system.webServer>");
        ServerConfig config = fixture.load();
        assertThatThrownBy(() -> config.webConfig(config.sites().getFirst(), "/"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(web + ":2: <globalModules> may not be set here: the section system.webServer/globalModules may "
                        + "only be set at server level in applicationHost.config (top level or <location path=\"\">)");
    }

    @Test
    void fastCgiOnlyAtServerLevel() {
        fixture.host("");
        Path web = fixture.webConfig("www", "<system.webServer><fastCgi /></system.webServer>");
        ServerConfig config = fixture.load();
        assertThatThrownBy(() -> config.webConfig(config.sites().getFirst(), "/"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(web + ":2: <fastCgi> may not be set here: the section system.webServer/fastCgi may "
                        + "only be set at server level in applicationHost.config (top level or <location path=\"\">)");
    }

    @Test
    void aTopLevelSectionIsLockedByRestatingItInALocation() {
        fixture.host("<system.webServer><directoryBrowse enabled=\"true\" /></system.webServer>\n"
                + "<location path=\"\" overrideMode=\"Deny\"><system.webServer><directoryBrowse /></system.webServer></location>");
        fixture.webConfig("www/sub", "<system.webServer><directoryBrowse enabled=\"false\" /></system.webServer>");
        ServerConfig config = fixture.load();
        SiteConfig site = config.sites().getFirst();
        assertThat(config.webConfig(site, "/").section("system.webServer/directoryBrowse").bool("enabled")).isTrue();
        assertThatThrownBy(() -> config.webConfig(site, "/sub/")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("the section system.webServer/directoryBrowse is locked by " + fixture.hostFile);
    }
}
