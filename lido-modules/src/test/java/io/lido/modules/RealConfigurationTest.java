package io.lido.modules;

import io.lido.api.HttpModule;
import io.lido.api.PipelineEvent;
import io.lido.config.ConfigLoader;
import io.lido.config.ServerConfig;
import io.lido.config.SiteConfig;
import io.lido.modules.testing.TestRequest;
import io.lido.modules.testing.TestRequestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.lido.modules.testing.Rejections.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in modules on configuration loaded by the real {@link ConfigLoader}: proves that every
 * attribute they read exists in Lido's schema, that IIS's shipped defaults reach them, and that folder
 * web.config files and locations apply.
 */
class RealConfigurationTest {
    @TempDir
    Path temp;
    private Path www;
    private ServerConfig config;
    private SiteConfig site;
    private final BuiltinModules catalog = new BuiltinModules();

    @BeforeEach
    void setUp() throws Exception {
        www = Files.createDirectories(temp.resolve("www"));
        Files.createDirectories(temp.resolve("conf"));
        Files.writeString(temp.resolve("conf/applicationHost.config"), """
                <configuration>
                  <system.applicationHost>
                    <applicationPools><add name="P" /></applicationPools>
                    <sites>
                      <site name="S" id="1">
                        <application path="/" applicationPool="P">
                          <virtualDirectory path="/" physicalPath="../www" />
                        </application>
                        <bindings><binding protocol="http" bindingInformation="*:0:" /></bindings>
                      </site>
                    </sites>
                  </system.applicationHost>
                  <system.webServer>
                    <staticContent>
                      <mimeMap fileExtension=".webmanifest" mimeType="application/manifest+json" />
                      <clientCache cacheControlMode="UseMaxAge" cacheControlMaxAge="00:10:00" />
                    </staticContent>
                    <httpProtocol>
                      <customHeaders><add name="X-Content-Type-Options" value="nosniff" /></customHeaders>
                    </httpProtocol>
                  </system.webServer>
                  <location path="S/files">
                    <system.webServer><directoryBrowse enabled="true" /></system.webServer>
                  </location>
                </configuration>
                """);
        Files.createDirectories(www.resolve("files"));
        Files.writeString(www.resolve("files/a.txt"), "a");
        Files.writeString(www.resolve("index.html"), "home");
        Files.writeString(www.resolve("app.webmanifest"), "{}");
        Files.createDirectories(www.resolve("old"));
        Files.writeString(www.resolve("old/web.config"), """
                <configuration>
                  <system.webServer>
                    <httpRedirect enabled="true" destination="https://new.example/current" httpResponseStatus="Permanent" />
                  </system.webServer>
                </configuration>
                """);
        config = ConfigLoader.load(temp.resolve("conf/applicationHost.config"));
        site = config.sites().getFirst();
    }

    private TestRequestContext request(String method, String target, HttpModule... modules) {
        TestRequest request = new TestRequest(method, target, path -> www.resolve(path.substring(1)));
        request.header("Host", "localhost");
        TestRequestContext context = new TestRequestContext(request, config.webConfig(site, request.path()),
                site.applications().getFirst());
        for (HttpModule module : modules) {
            context.with(module);
        }
        return context;
    }

    private TestRequestContext filtered(String target) {
        return request("GET", target, catalog.modules().get("RequestFilteringModule").get());
    }

    @Test
    void shippedRequestFilteringDefaultsApply() {
        assertRejected(() -> filtered("/bin/app.jar").raise(PipelineEvent.BEGIN_REQUEST), 404, 8);
        assertRejected(() -> filtered("/App_Data/x.txt").raise(PipelineEvent.BEGIN_REQUEST), 404, 8);
        assertRejected(() -> filtered("/settings.config").raise(PipelineEvent.BEGIN_REQUEST), 404, 7);
        assertRejected(() -> filtered("/lib/code.jar").raise(PipelineEvent.BEGIN_REQUEST), 404, 7);
        assertRejected(() -> filtered("/a%252e.txt").raise(PipelineEvent.BEGIN_REQUEST), 404, 11);
    }

    @Test
    void staticFilesUseTheConfiguredMimeMapAndClientCacheAndDefaultDocuments() throws Exception {
        TestRequestContext manifest = request("GET", "/app.webmanifest");
        catalog.staticFileHandler().processRequest(manifest);
        assertThat(manifest.response().contentType()).isEqualTo("application/manifest+json");
        assertThat(manifest.response().header("Cache-Control")).isEqualTo("max-age=600");
        assertThat(manifest.response().header("ETag")).isNotNull();
        TestRequestContext home = request("GET", "/");
        catalog.staticFileHandler().processRequest(home);
        assertThat(home.transmitted().getFirst().file()).isEqualTo(www.resolve("index.html").toRealPath());
    }

    @Test
    void aLocationEnablesBrowsingForOneFolderOnly() throws Exception {
        TestRequestContext files = request("GET", "/files/");
        catalog.staticFileHandler().processRequest(files);
        assertThat(files.response().bodyText()).contains("<a href=\"/files/a.txt\">a.txt</a>");
        Files.delete(www.resolve("index.html"));
        assertRejected(() -> catalog.staticFileHandler().processRequest(request("GET", "/")), 403, 14);
    }

    @Test
    void customHeadersAreAdded() throws Exception {
        TestRequestContext context = request("GET", "/", catalog.modules().get("ProtocolSupportModule").get());
        context.raise(PipelineEvent.PRE_SEND_REQUEST_HEADERS);
        assertThat(context.response().header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void aFolderWebConfigRedirectsRelativeToItsFolder() throws Exception {
        TestRequestContext old = request("GET", "/old/page.html?q=1", catalog.modules().get("HttpRedirectionModule").get());
        old.raise(PipelineEvent.BEGIN_REQUEST);
        assertThat(old.response().status()).isEqualTo(301);
        assertThat(old.response().header("Location")).isEqualTo("https://new.example/current/page.html?q=1");
        assertThat(old.completed()).isTrue();
        TestRequestContext other = request("GET", "/page.html", catalog.modules().get("HttpRedirectionModule").get());
        other.raise(PipelineEvent.BEGIN_REQUEST);
        assertThat(other.response().header("Location")).isNull();
    }
}
