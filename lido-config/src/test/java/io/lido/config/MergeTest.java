package io.lido.config;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Server → location → application web.config → folder web.config, with IIS attribute and collection rules. */
class MergeTest {
    @TempDir
    Path root;
    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(root);
    }

    private static java.util.List<String> headers(WebConfig web) {
        return web.section("system.webServer/httpProtocol").child("customHeaders").collection().stream()
                .map(e -> e.attribute("name") + "=" + e.attribute("value")).toList();
    }

    @Test
    void innermostAttributeWinsAndUnsetAttributesInherit() {
        fixture.host("""
                <system.webServer>
                  <httpErrors errorMode="Custom" existingResponse="Replace" />
                </system.webServer>
                <location path="S/docs">
                  <system.webServer><httpErrors errorMode="Detailed" /></system.webServer>
                </location>""");
        fixture.webConfig("www/docs/deep", "<system.webServer><httpErrors existingResponse=\"PassThrough\" /></system.webServer>");
        ServerConfig config = fixture.load();
        SiteConfig site = config.sites().getFirst();
        ConfigElement top = config.webConfig(site, "/").section("system.webServer/httpErrors");
        assertThat(top.attribute("errorMode")).isEqualTo("Custom");
        assertThat(top.attribute("defaultResponseMode")).isEqualTo("File");
        ConfigElement docs = config.webConfig(site, "/docs/page.html").section("system.webServer/httpErrors");
        assertThat(docs.attribute("errorMode")).isEqualTo("Detailed");
        assertThat(docs.attribute("existingResponse")).isEqualTo("Replace");
        ConfigElement deep = config.webConfig(site, "/docs/deep/").section("system.webServer/httpErrors");
        assertThat(deep.attribute("errorMode")).isEqualTo("Detailed");
        assertThat(deep.attribute("existingResponse")).isEqualTo("PassThrough");
        assertThat(deep.location()).map(Object::toString).hasValue(root.resolve("www/docs/deep/web.config") + ":2");
    }

    @Test
    void addRemoveAndClearAcrossEveryLevel() {
        fixture.host("""
                <system.webServer>
                  <httpProtocol><customHeaders><add name="A" value="1" /><add name="B" value="2" /></customHeaders></httpProtocol>
                </system.webServer>
                <location path="S">
                  <system.webServer><httpProtocol><customHeaders><add name="C" value="3" /></customHeaders></httpProtocol></system.webServer>
                </location>""");
        fixture.webConfig("www", """
                <system.webServer><httpProtocol><customHeaders>
                  <remove name="A" /><remove name="not-there" /><add name="A" value="10" />
                </customHeaders></httpProtocol></system.webServer>
                <location path="sub">
                  <system.webServer><httpProtocol><customHeaders><remove name="B" /></customHeaders></httpProtocol></system.webServer>
                </location>""");
        fixture.webConfig("www/sub/inner", """
                <system.webServer><httpProtocol><customHeaders><clear /><add name="Z" value="26" /></customHeaders></httpProtocol></system.webServer>""");
        ServerConfig config = fixture.load();
        SiteConfig site = config.sites().getFirst();
        assertThat(headers(config.webConfig(site, "/"))).containsExactly("B=2", "C=3", "A=10");
        assertThat(headers(config.webConfig(site, "/sub/x"))).containsExactly("C=3", "A=10");
        assertThat(headers(config.webConfig(site, "/sub/inner/x.txt"))).containsExactly("Z=26");
        assertThat(headers(config.webConfig(site, "/other"))).containsExactly("B=2", "C=3", "A=10");
    }

    @Test
    void childApplicationInheritsTheSiteRootWebConfig() {
        fixture.host("");
        fixture.webConfig("www", "<system.webServer><httpProtocol><customHeaders><add name=\"Root\" value=\"1\" /></customHeaders></httpProtocol></system.webServer>");
        fixture.webConfig("app", "<system.webServer><httpProtocol><customHeaders><add name=\"App\" value=\"2\" /></customHeaders></httpProtocol></system.webServer>");
        fixture.webConfig("www/app", "<system.webServer><httpProtocol><customHeaders><add name=\"Hidden\" value=\"3\" /></customHeaders></httpProtocol></system.webServer>");
        ServerConfig config = fixture.load();
        SiteConfig site = config.sites().getFirst();
        // /app is the application in ../app: www/app/web.config is not on the way.
        assertThat(headers(config.webConfig(site, "/app/page"))).containsExactly("Root=1", "App=2");
    }

    @Test
    void virtualDirectoryFoldersHaveTheirOwnWebConfig() {
        fixture.host("");
        fixture.webConfig("shared", "<system.webServer><directoryBrowse enabled=\"true\" /></system.webServer>");
        ServerConfig config = fixture.load();
        SiteConfig site = config.sites().getFirst();
        assertThat(config.webConfig(site, "/shared/a.png").section("system.webServer/directoryBrowse").bool("enabled")).isTrue();
        assertThat(config.webConfig(site, "/a.png").section("system.webServer/directoryBrowse").bool("enabled")).isFalse();
    }

    @Test
    void duplicateAddInWebConfigNamesBothPlaces() {
        fixture.host("<system.webServer><staticContent><mimeMap fileExtension=\".x\" mimeType=\"a/b\" /></staticContent></system.webServer>");
        Path web = fixture.webConfig("www", "<system.webServer><staticContent>\n<mimeMap fileExtension=\".x\" mimeType=\"c/d\" />\n</staticContent></system.webServer>");
        ServerConfig config = fixture.load();
        assertThatThrownBy(() -> config.webConfig(config.sites().getFirst(), "/"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(web + ":3: <mimeMap fileExtension=\".x\"> cannot be added: an entry with fileExtension=\".x\" "
                        + "was already added at " + fixture.hostFile + ":" + fixture.hostLine("a/b")
                        + " (remove it first with <remove> to replace it)");
    }

    @Test
    void webConfigMayNotRestateABuiltInEntryButMayRemoveIt() {
        fixture.host("");
        Path web = fixture.webConfig("www", "<system.webServer><security><requestFiltering><hiddenSegments>\n"
                + "<add segment=\"bin\" />\n</hiddenSegments></requestFiltering></security></system.webServer>");
        fixture.webConfig("www/open", "<system.webServer><security><requestFiltering><hiddenSegments>"
                + "<remove segment=\"App_Data\" /></hiddenSegments></requestFiltering></security></system.webServer>");
        ServerConfig config = fixture.load();
        SiteConfig site = config.sites().getFirst();
        assertThatThrownBy(() -> config.webConfig(site, "/")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(web + ":3: <add segment=\"bin\"> cannot be added: an entry with segment=\"bin\" "
                        + "was already added at (built-in)/lido-defaults.config:");
        Path good = fixture.webConfig("www", "");
        assertThat(good).exists();
        ServerConfig reloaded = fixture.load();
        assertThat(reloaded.webConfig(site, "/open/").section("system.webServer/security/requestFiltering")
                .child("hiddenSegments").collection()).extracting(e -> e.attribute("segment"))
                .contains("bin", "web.config").doesNotContain("App_Data");
    }

    @Test
    void typedGettersAndDefaults() {
        fixture.host("");
        ServerConfig config = fixture.load();
        WebConfig web = config.webConfig(config.sites().getFirst(), "/");
        ConfigElement filtering = web.section("system.webServer/security/requestFiltering");
        assertThat(filtering.bool("allowDoubleEscaping")).isFalse();
        assertThat(filtering.child("requestLimits").longValue("maxUrl")).isEqualTo(4096);
        assertThat(filtering.child("requestLimits").location()).isEmpty();
        assertThat(web.section("system.web/httpRuntime").duration("executionTimeout")).hasSeconds(110);
        assertThat(web.section("system.web/httpRuntime").longValue("maxRequestLength")).isEqualTo(4096);
        // No written mode: the runtime picks InProc or StateServer by the pool's hosting model.
        assertThat(web.section("system.web/sessionState").attribute("mode")).isEmpty();
        assertThat(web.section("system.web/customErrors").attribute("mode")).isEqualTo("RemoteOnly");
        assertThat(web.section("system.webServer/staticContent").child("clientCache").duration("cacheControlMaxAge"))
                .hasDays(1);
        assertThat(web.section("appSettings").collection()).isEmpty();
        assertThatThrownBy(() -> web.section("system.webServer/nope")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> filtering.bool("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("<requestFiltering> has no attribute \"nope\"");
        assertThatThrownBy(() -> filtering.integer("allowDoubleEscaping")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void httpErrorsKeyIncludesSubStatusCode() {
        fixture.host("""
                <system.webServer><httpErrors>
                  <error statusCode="404" path="/404.html" />
                  <error statusCode="404" subStatusCode="3" path="/404-3.html" />
                </httpErrors></system.webServer>""");
        fixture.webConfig("www/x", "<system.webServer><httpErrors><remove statusCode=\"404\" /></httpErrors></system.webServer>");
        ServerConfig config = fixture.load();
        SiteConfig site = config.sites().getFirst();
        assertThat(config.webConfig(site, "/").section("system.webServer/httpErrors").collection())
                .extracting(e -> e.integer("statusCode"), e -> e.integer("subStatusCode"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(404, -1), org.assertj.core.groups.Tuple.tuple(404, 3));
        assertThat(config.webConfig(site, "/x/").section("system.webServer/httpErrors").collection())
                .extracting(e -> e.attribute("path")).containsExactly("/404-3.html");
    }

    @Test
    void systemWebAuthorizationKeepsRepeatedRulesInOrder() {
        fixture.host("");
        fixture.webConfig("www", "<system.web><authorization><allow users=\"*\" /><allow users=\"*\" />"
                + "</authorization></system.web>");
        ServerConfig config = fixture.load();
        WebConfig web = config.webConfig(config.sites().getFirst(), "/");
        assertThat(web.section("system.web/authorization").collection()).extracting(ConfigElement::name)
                .containsExactly("allow", "allow");
    }

    @Test
    void systemWebAuthorizationListsAFoldersOwnRulesBeforeItsParents() {
        fixture.host("<location path=\"S/sub\"><system.web><authorization><deny users=\"host\" /></authorization>"
                + "</system.web></location>");
        fixture.webConfig("www", "<system.web><authorization><deny users=\"?\" /><allow roles=\"staff\" />"
                + "</authorization></system.web>");
        fixture.webConfig("www/sub", "<system.web><authorization><allow users=\"?\" /><deny users=\"fred\" />"
                + "</authorization></system.web>\n<location path=\"page.txt\"><system.web><authorization>"
                + "<deny users=\"*\" /></authorization></system.web></location>");
        ServerConfig config = fixture.load();
        SiteConfig site = config.sites().getFirst();
        assertThat(config.webConfig(site, "/sub/").section("system.web/authorization").collection())
                .extracting(ConfigElement::name, e -> e.attribute("users") + e.attribute("roles"))
                .containsExactly(tuple("allow", "?"), tuple("deny", "fred"), tuple("deny", "host"),
                        tuple("deny", "?"), tuple("allow", "staff"));
        assertThat(config.webConfig(site, "/sub/page.txt").section("system.web/authorization").collection())
                .extracting(e -> e.attribute("users") + e.attribute("roles"))
                .containsExactly("*", "?", "fred", "host", "?", "staff");
        // system.webServer/security/authorization keeps IIS's order: the parents' entries first.
        assertThat(config.webConfig(site, "/").section("system.webServer/security/authorization").collection())
                .extracting(e -> e.attribute("accessType") + " " + e.attribute("users")).containsExactly("Allow *");
    }

    @Test
    void anAuthorizationRemoveWithoutAccessTypeRemovesTheAllowRule() {
        fixture.host("");
        fixture.webConfig("www", """
                <system.webServer><security><authorization>
                  <remove users="*" roles="" verbs="" />
                  <add accessType="Allow" roles="BobAndFriends" />
                </authorization></security></system.webServer>
                <location path="bobsSecret.txt"><system.webServer><security><authorization>
                  <remove users="" roles="BobAndFriends" verbs="" />
                  <add accessType="Allow" users="Bob" />
                </authorization></security></system.webServer></location>""");
        ServerConfig config = fixture.load();
        SiteConfig site = config.sites().getFirst();
        assertThat(config.webConfig(site, "/").section("system.webServer/security/authorization").collection())
                .extracting(e -> e.attribute("accessType") + " " + e.attribute("roles")).containsExactly("Allow BobAndFriends");
        assertThat(config.webConfig(site, "/bobsSecret.txt").section("system.webServer/security/authorization")
                .collection()).extracting(e -> e.attribute("users")).containsExactly("Bob");
    }

    @Test
    void inheritInChildApplicationsFalseStopsAtTheApplicationBoundary() {
        fixture.host("<location path=\"S\" inheritInChildApplications=\"false\">"
                + "<system.webServer><directoryBrowse enabled=\"true\" /></system.webServer></location>");
        fixture.webConfig("www", """
                <system.webServer><httpProtocol><customHeaders><add name="All" value="1" /></customHeaders></httpProtocol></system.webServer>
                <location path="." inheritInChildApplications="false">
                  <system.webServer><httpProtocol><customHeaders><add name="RootOnly" value="2" /></customHeaders></httpProtocol></system.webServer>
                </location>""");
        ServerConfig config = fixture.load();
        SiteConfig site = config.sites().getFirst();
        assertThat(headers(config.webConfig(site, "/docs/"))).containsExactly("All=1", "RootOnly=2");
        assertThat(headers(config.webConfig(site, "/app/"))).containsExactly("All=1");
        assertThat(config.webConfig(site, "/docs/").section("system.webServer/directoryBrowse").bool("enabled")).isTrue();
        assertThat(config.webConfig(site, "/app/x").section("system.webServer/directoryBrowse").bool("enabled")).isFalse();
    }

    @Test
    void serverLevelSectionsAreReadableFromServerConfig() {
        fixture.host("<system.applicationHost><webLimits minBytesPerSecond=\"500\" /></system.applicationHost>");
        ServerConfig config = fixture.load();
        assertThat(config.section("system.applicationHost/webLimits").longValue("minBytesPerSecond")).isEqualTo(500);
        assertThat(config.section("system.applicationHost/webLimits").duration("connectionTimeout")).hasMinutes(2);
        assertThat(config.section("system.applicationHost/sites").collection().getFirst().child("limits")
                .integer("maxUrlSegments")).isEqualTo(32);
        assertThat(config.section("system.webServer/security/requestFiltering").child("hiddenSegments").collection())
                .isNotEmpty();
    }

    @Test
    void aPathEndingInAnExistingFileOrAVeryLongNameResolvesLikeItsFolder() throws Exception {
        fixture.host("");
        fixture.webConfig("www/docs", "<system.webServer><directoryBrowse enabled=\"true\" /></system.webServer>");
        java.nio.file.Files.writeString(root.resolve("www/docs/index.html"), "hi");
        ServerConfig config = fixture.load();
        SiteConfig site = config.sites().getFirst();
        assertThat(config.webConfig(site, "/docs/index.html").section("system.webServer/directoryBrowse").bool("enabled"))
                .isTrue();
        assertThat(config.webConfig(site, "/docs/index.html/more").section("system.webServer/directoryBrowse")
                .bool("enabled")).isTrue();
        assertThat(config.webConfig(site, "/docs/" + "x".repeat(300) + "/y").section("system.webServer/directoryBrowse")
                .bool("enabled")).isTrue();
    }
}
