package io.lido.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Loads the annotated example configurations the README points to ({@code docs/examples/}, a copy of the workspace's
 * shared examples) end to end, so the documented files stay valid as the schema changes.
 */
class ExampleConfigTest {
    @TempDir
    Path root;

    private ServerConfig loadExamples() throws IOException {
        Path conf = Files.createDirectories(root.resolve("conf"));
        Path wwwroot = Files.createDirectories(root.resolve("wwwroot"));
        // The example's other virtual directories: a folder that does not exist is refused.
        Files.createDirectories(root.resolve("shared-images"));
        Files.createDirectories(root.resolve("apps/reports"));
        copy("examples/applicationHost.config", conf.resolve("applicationHost.config"));
        copy("examples/web.config", wwwroot.resolve("web.config"));
        return ConfigLoader.load(conf.resolve("applicationHost.config"));
    }

    /** The module's folder is the test's working folder; the examples are in the repository's docs/. */
    private static void copy(String example, Path target) throws IOException {
        Files.copy(Path.of("..", "docs", example), target);
    }

    @Test
    void poolsBindWithDefaultsAndOwnValues() throws IOException {
        ServerConfig config = loadExamples();
        assertThat(config.applicationPools()).extracting(ApplicationPoolConfig::name)
                .containsExactly("DefaultAppPool", "FastPool");
        ApplicationPoolConfig pool = config.applicationPools().getFirst();
        assertThat(pool.queueLength()).isEqualTo(1000);
        assertThat(pool.hostingModel()).isEqualTo(HostingModel.OUT_OF_PROCESS);
        assertThat(pool.jvmOptions()).isEqualTo("-Xmx256m");
        assertThat(pool.jvmAotCache()).as("jvmAotCache defaults to true").isTrue();
        assertThat(pool.processModel().idleTimeout()).isEqualTo(Duration.ofMinutes(20));
        assertThat(pool.processModel().maxProcesses()).isEqualTo(1);
        assertThat(pool.processModel().pingResponseTime()).isEqualTo(Duration.ofSeconds(90));
        assertThat(pool.recycling().time()).isEqualTo(Duration.ofHours(29));
        assertThat(pool.recycling().schedule()).containsExactly(LocalTime.of(3, 0));
        assertThat(pool.failure().rapidFailProtectionMaxCrashes()).isEqualTo(5);
        assertThat(pool.environmentVariables()).containsEntry("APP_ENV", "production");
        assertThat(pool.location().line()).isEqualTo(19);
        ApplicationPoolConfig fast = config.applicationPools().get(1);
        assertThat(fast.hostingModel()).isEqualTo(HostingModel.IN_PROCESS);
        assertThat(fast.processModel().pingInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(fast.alwaysRunning()).isFalse();
        assertThat(fast.classicPipeline()).isFalse();
    }

    @Test
    void siteBindsWithBindingsApplicationsAndResolvedPaths() throws IOException {
        ServerConfig config = loadExamples();
        SiteConfig site = config.sites().getFirst();
        assertThat(site.name()).isEqualTo("Default Web Site");
        assertThat(site.id()).isEqualTo(1);
        assertThat(site.bindings()).extracting(SiteConfig.Binding::ip, SiteConfig.Binding::port, SiteConfig.Binding::host)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("*", 8080, ""),
                        org.assertj.core.groups.Tuple.tuple("127.0.0.1", 8080, "intranet.example"));
        assertThat(site.applications()).extracting(SiteConfig.Application::path).containsExactly("/", "/reports");
        SiteConfig.Application root = site.applications().getFirst();
        assertThat(root.preloadEnabled()).isTrue();
        assertThat(root.rootDirectory().physicalPath()).isEqualTo(this.root.resolve("wwwroot").toAbsolutePath());
        assertThat(root.virtualDirectories().get(1).physicalPath())
                .isEqualTo(this.root.resolve("shared-images").toAbsolutePath());
        assertThat(site.applications().get(1).applicationPool()).isEqualTo("FastPool");
        assertThat(site.limits().connectionTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(site.limits().maxConnections()).isEqualTo(4294967295L);
        assertThat(site.logFile().directory()).isEqualTo(this.root.resolve("logs").toAbsolutePath());
        assertThat(site.logFile().period()).isEqualTo("Daily");
    }

    @Test
    void webConfigOfTheRootApplicationIsMergedOverTheServerLevel() throws IOException {
        ServerConfig config = loadExamples();
        SiteConfig site = config.sites().getFirst();
        WebConfig web = config.webConfig(site, "/hello");
        assertThat(web.section("system.webServer/handlers").collection())
                .extracting(e -> e.attribute("name"), e -> e.attribute("path"), e -> e.attribute("verb"),
                        e -> e.attribute("type"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Hello", "hello", "GET,HEAD", "samples.hello.HelloHandler"),
                        org.assertj.core.groups.Tuple.tuple("Api", "api/*", "*", "samples.hello.ApiHandler"),
                        org.assertj.core.groups.Tuple.tuple("Reports", "*.report", "GET", "samples.hello.ReportHandler"));
        assertThat(web.section("system.webServer/modules").collection()).extracting(e -> e.attribute("name"))
                .containsExactly("RequestFilteringModule", "HttpRedirectionModule", "BasicAuthenticationModule",
                        "AnonymousAuthenticationModule", "UrlAuthorizationModule", "UrlAuthorization",
                        "ProtocolSupportModule", "Timing", "Audit");
        assertThat(web.section("system.web/httpApplication").attribute("type")).isEqualTo("samples.hello.Global");
        assertThat(web.section("system.web/sessionState").duration("timeout")).isEqualTo(Duration.ofMinutes(20));
        assertThat(web.section("system.web/sessionState").attribute("cookieName")).isEqualTo("LIDO_SessionId");
        assertThat(web.section("system.webServer/httpErrors").attribute("errorMode")).isEqualTo("DetailedLocalOnly");
        assertThat(web.section("system.webServer/httpErrors").collection()).isEmpty();
        ConfigElement filtering = web.section("system.webServer/security/requestFiltering");
        assertThat(filtering.child("requestLimits").longValue("maxAllowedContentLength")).isEqualTo(30_000_000L);
        assertThat(filtering.child("hiddenSegments").collection()).extracting(e -> e.attribute("segment"))
                .contains("bin", "App_Data", "web.config", "App_code");
        assertThat(filtering.child("fileExtensions").collection()).extracting(e -> e.attribute("fileExtension"))
                .contains(".config", ".jar", ".class");
        assertThat(web.section("system.webServer/httpProtocol").child("customHeaders").collection())
                .extracting(e -> e.attribute("name"), e -> e.attribute("value"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("X-Content-Type-Options", "nosniff"));
        assertThat(web.section("system.webServer/staticContent").collection())
                .extracting(e -> e.attribute("fileExtension")).containsExactly(".webmanifest");
        assertThat(web.section("system.webServer/directoryBrowse").bool("enabled")).isFalse();
        assertThat(config.webConfig(site, "/admin/").section("system.webServer/directoryBrowse").bool("enabled")).isTrue();
        assertThat(config.webConfig(site, "/admin/x.html").section("system.webServer/directoryBrowse").bool("enabled"))
                .isTrue();
    }

    @Test
    void defaultDocumentsKeepTheShippedListAndTheServerFileEntries() throws IOException {
        ServerConfig config = loadExamples();
        WebConfig web = config.webConfig(config.sites().getFirst(), "/");
        assertThat(web.section("system.webServer/defaultDocument").child("files").collection())
                .extracting(e -> e.attribute("value"))
                .containsExactly("index.html", "default.htm", "Default.asp", "index.htm", "iisstart.htm", "default.aspx");
    }

    @Test
    void aWebConfigSettingTheLockedHttpProtocolSectionIsRefused() throws IOException {
        ServerConfig config = loadExamples();
        Path web = root.resolve("wwwroot/reports-lock/web.config");
        Files.createDirectories(web.getParent());
        Files.writeString(web, """
                <configuration>
                  <system.webServer>
                    <httpProtocol allowKeepAlive="false" />
                  </system.webServer>
                </configuration>
                """);
        assertThatThrownBy(() -> config.webConfig(config.sites().getFirst(), "/reports-lock/"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(web + ":3: <httpProtocol> may not be set here: the section system.webServer/httpProtocol is "
                        + "locked by " + root.resolve("conf/applicationHost.config") + ":86 (<location path=\"\" "
                        + "overrideMode=\"Deny\">)");
    }

    @Test
    void poolValuesComeFromThePoolThenTheDefaultsThenTheSchema() throws IOException {
        Path file = root.resolve("applicationHost.config");
        Files.writeString(file, """
                <configuration>
                  <system.applicationHost>
                    <applicationPools>
                      <applicationPoolDefaults queueLength="2000" startMode="AlwaysRunning">
                        <processModel maxProcesses="3" />
                        <environmentVariables><add name="A" value="1" /><add name="B" value="2" /></environmentVariables>
                      </applicationPoolDefaults>
                      <add name="One" queueLength="50" maxConcurrentRequests="64">
                        <processModel idleTimeout="00:00:00" />
                        <environmentVariables><add name="B" value="20" /></environmentVariables>
                      </add>
                      <add name="Two" managedPipelineMode="classic" />
                    </applicationPools>
                    <sites>
                      <siteDefaults><limits connectionTimeout="00:00:30" /></siteDefaults>
                      <site name="S" id="7">
                        <application path="/" applicationPool="Two"><virtualDirectory path="/" physicalPath="www" /></application>
                        <limits maxConnections="10" />
                      </site>
                    </sites>
                  </system.applicationHost>
                </configuration>
                """);
        Files.createDirectories(root.resolve("www"));
        ServerConfig config = ConfigLoader.load(file);
        ApplicationPoolConfig one = config.applicationPools().get(0);
        ApplicationPoolConfig two = config.applicationPools().get(1);
        assertThat(one.queueLength()).isEqualTo(50);
        assertThat(two.queueLength()).isEqualTo(2000);
        assertThat(one.maxConcurrentRequests()).isEqualTo(64);
        assertThat(two.maxConcurrentRequests()).isEqualTo(ApplicationPoolConfig.DEFAULT_MAX_CONCURRENT_REQUESTS);
        assertThat(one.alwaysRunning()).isTrue();
        assertThat(two.classicPipeline()).isTrue();
        assertThat(one.processModel().maxProcesses()).isEqualTo(3);
        assertThat(one.processModel().idleTimeout()).isZero();
        assertThat(two.processModel().idleTimeout()).isEqualTo(Duration.ofMinutes(20));
        assertThat(one.environmentVariables()).containsExactly(java.util.Map.entry("A", "1"), java.util.Map.entry("B", "20"));
        assertThat(two.environmentVariables()).containsExactly(java.util.Map.entry("A", "1"), java.util.Map.entry("B", "2"));
        SiteConfig site = config.sites().getFirst();
        assertThat(site.limits().connectionTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(site.limits().maxConnections()).isEqualTo(10);
        assertThat(site.bindings()).isEmpty();
        assertThat(site.applications().getFirst().rootDirectory().physicalPath()).isEqualTo(root.resolve("www"));
    }
}
