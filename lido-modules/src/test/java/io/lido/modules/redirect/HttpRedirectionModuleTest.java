package io.lido.modules.redirect;

import io.lido.api.PipelineEvent;
import io.lido.config.SiteConfig;
import io.lido.modules.support.SectionCache;
import io.lido.modules.testing.TestConfigElement;
import io.lido.modules.testing.TestRequestContext;
import io.lido.modules.testing.TestSite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpRedirectionModuleTest {
    @TempDir
    Path root;
    private TestSite site;

    @BeforeEach
    void setUp() {
        site = new TestSite(root);
    }

    private TestConfigElement redirect() {
        return site.config().section(RedirectRules.SECTION);
    }

    private TestRequestContext begin(String target) throws Exception {
        return site.get(target).with(new HttpRedirectionModule(new SectionCache<>(RedirectRules::from)))
                .raise(PipelineEvent.BEGIN_REQUEST);
    }

    private void assertRedirected(String target, int status, String location) throws Exception {
        TestRequestContext context = begin(target);
        assertThat(context.response().status()).as(target).isEqualTo(status);
        assertThat(context.response().header("Location")).as(target).isEqualTo(location);
        assertThat(context.completed()).as("completeRequest() for " + target).isTrue();
        assertThat(context.response().bodyText()).contains("Object Moved");
    }

    private void assertNotRedirected(String target) throws Exception {
        TestRequestContext context = begin(target);
        assertThat(context.response().header("Location")).as(target).isNull();
        assertThat(context.completed()).isFalse();
    }

    @Test
    void disabledByDefault() throws Exception {
        redirect().set("destination", "https://elsewhere.example");
        assertNotRedirected("/page.html");
    }

    @Test
    void relativeDestinationAppendsThePathAndQuery() throws Exception {
        redirect().set("enabled", "true").set("destination", "https://new.example/site/");
        assertRedirected("/a/b%20c.html?x=1", 302, "https://new.example/site/a/b%20c.html?x=1");
        assertRedirected("/", 302, "https://new.example/site/");
    }

    @Test
    void exactDestinationIsSentAsIs() throws Exception {
        redirect().set("enabled", "true").set("destination", "https://new.example/moved.html")
                .set("exactDestination", "true");
        assertRedirected("/a/b.html?x=1", 302, "https://new.example/moved.html");
    }

    @Test
    void statusNamesMapToCodes() throws Exception {
        redirect().set("enabled", "true").set("destination", "https://new.example");
        for (String[] pair : new String[][] {{"Permanent", "301"}, {"Found", "302"}, {"Temporary", "307"},
                {"PermRedirect", "308"}}) {
            redirect().set("httpResponseStatus", pair[0]);
            assertRedirected("/x", Integer.parseInt(pair[1]), "https://new.example/x");
        }
        assertThatThrownBy(() -> RedirectRules.statusCode("Sometimes")).hasMessageContaining("Sometimes");
    }

    @Test
    void childOnlyRedirectsOnlyContentDirectlyInTheFolder() throws Exception {
        redirect().set("enabled", "true").set("destination", "https://new.example").set("childOnly", "true");
        assertRedirected("/page.html", 302, "https://new.example/page.html");
        assertNotRedirected("/sub/page.html");
    }

    @Test
    void aRequestAlreadyAtTheDestinationIsNotRedirected() throws Exception {
        redirect().set("enabled", "true").set("destination", "/new").set("httpResponseStatus", "Permanent");
        assertRedirected("/old/page.html", 301, "/new/old/page.html");
        assertNotRedirected("/new");
        assertNotRedirected("/new/old/page.html");
        redirect().set("exactDestination", "true").set("destination", "/landing.html");
        assertRedirected("/anything", 301, "/landing.html");
        assertNotRedirected("/landing.html");
    }

    @Test
    void sameHostAbsoluteDestinationsAreLoopChecked() throws Exception {
        redirect().set("enabled", "true").set("destination", "http://localhost/home.html").set("exactDestination", "true");
        assertNotRedirected("/home.html");
        assertRedirected("/other.html", 302, "http://localhost/home.html");
    }

    @Test
    void wildcardEntriesWinAndUseVariables() throws Exception {
        redirect().set("enabled", "true").set("exactDestination", "true")
                .add("wildcard", "*.php", "destination", "/default.htm")
                .add("wildcard", "/docs/*", "destination", "/manual$S$Q");
        assertRedirected("/index.PHP", 302, "/default.htm");
        assertRedirected("/docs/intro.html?v=2", 302, "/manual/docs/intro.html?v=2");
        assertNotRedirected("/other.html");
    }

    @Test
    void theConfiguredFolderComesFromTheWebConfigThatSetTheSection() {
        var application = new SiteConfig.Application("/app", "Pool", false, List.of(
                new SiteConfig.VirtualDirectory("/", root, null)), null);
        TestConfigElement fromFolder = new TestConfigElement("httpRedirect").writtenIn(root.resolve("old/web.config"), 3);
        assertThat(HttpRedirectionModule.configuredFolder(fromFolder, application)).isEqualTo("/app/old");
        TestConfigElement fromHost = new TestConfigElement("httpRedirect").writtenIn(Path.of("/etc/applicationHost.config"), 9);
        assertThat(HttpRedirectionModule.configuredFolder(fromHost, application)).isEqualTo("/app");
        assertThat(HttpRedirectionModule.configuredFolder(new TestConfigElement("httpRedirect"), application)).isEqualTo("/app");
    }

    @Test
    void aFolderWebConfigRedirectsRelativeToItsFolder() throws Exception {
        redirect().set("enabled", "true").set("destination", "https://new.example/sales")
                .writtenIn(root.resolve("marketing/web.config"), 4);
        assertRedirected("/marketing/default.aspx", 302, "https://new.example/sales/default.aspx");
    }

    @Test
    void wildcardMatching() {
        assertThat(RedirectTarget.wildcardMatches("*.php", "/a/b.php")).isTrue();
        assertThat(RedirectTarget.wildcardMatches("/a/*/c", "/a/x/y/c")).isTrue();
        assertThat(RedirectTarget.wildcardMatches("/a/*/c", "/a/x/y/d")).isFalse();
        assertThat(RedirectTarget.wildcardMatches("exact", "exact")).isTrue();
    }
}
