package io.lido.runtime;

import io.lido.config.ConfigException;
import io.lido.config.ConfigLoader;
import io.lido.config.ServerConfig;
import io.lido.config.SiteConfig;
import io.lido.runtime.testing.CapturedResponse;
import io.lido.runtime.testing.TestApp;
import io.lido.runtime.testing.TestCatalog;
import io.lido.runtime.testing.TestJars;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The runtime over real applicationHost.config and web.config files loaded by {@link ConfigLoader}. */
class ConfigLoaderRuntimeTest {
    private static final String HOST = """
            <?xml version="1.0" encoding="UTF-8"?>
            <configuration>
              <system.applicationHost>
                <applicationPools>
                  <add name="TestPool" hostingModel="inProcess" />
                </applicationPools>
                <sites>
                  <site name="Test Site" id="7">
                    <application path="/" applicationPool="TestPool">
                      <virtualDirectory path="/" physicalPath="../wwwroot" />
                    </application>
                    <bindings>
                      <binding protocol="http" bindingInformation="127.0.0.1:0:" />
                    </bindings>
                  </site>
                </sites>
              </system.applicationHost>
            </configuration>
            """;

    private static final String WEB = """
            <?xml version="1.0" encoding="UTF-8"?>
            <configuration>
              <system.web>
                <httpApplication type="app.Global" />
              </system.web>
              <system.webServer>
                <modules>
                  <add name="Counting" type="app.CountingModule" />
                </modules>
                <handlers>
                  <add name="Hello" path="hello" verb="GET,HEAD" type="app.TextHandler" />
                  <add name="Boom" path="boom" verb="GET" type="app.BoomHandler" />
                </handlers>
                <httpErrors errorMode="Custom">
                  <error statusCode="404" path="errors/404.html" />
                </httpErrors>
              </system.webServer>
            </configuration>
            """;

    @TempDir
    Path dir;
    HttpRuntime runtime;

    @BeforeEach
    void files() throws IOException {
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("conf/applicationHost.config"), HOST);
        Path www = Files.createDirectories(dir.resolve("wwwroot/errors"));
        Files.writeString(www.resolve("404.html"), "custom 404 from a file");
        Files.writeString(dir.resolve("wwwroot/web.config"), WEB);
        TestJars.compile(TestApp.SOURCES, dir.resolve("wwwroot/bin/app.jar"));
    }

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.shutdown(Duration.ofSeconds(5));
        }
    }

    private HttpRuntime start() {
        ServerConfig config = ConfigLoader.load(dir.resolve("conf/applicationHost.config"));
        SiteConfig site = config.sites().getFirst();
        TestCatalog catalog = new TestCatalog().staticHandler(ctx -> ctx.response().status(404));
        runtime = new HttpRuntime(config, site, site.applications().getFirst(), catalog);
        runtime.start();
        return runtime;
    }

    private CapturedResponse get(String path, String remote) {
        CapturedResponse response = new CapturedResponse();
        io.lido.ipc.RequestHead head = new io.lido.ipc.RequestHead(1, "GET", path, path, "", 1,
                new io.lido.ipc.HeaderList().add("Host", "localhost"), remote, 5000, "127.0.0.1", 80, false, 7,
                "Test Site", "/", 0);
        runtime.dispatch(head, io.lido.ipc.RequestBody.EMPTY, response);
        return response.await();
    }

    @Test
    void handlersModulesAndGlobalClassComeFromWebConfigAndBin() {
        start();
        CapturedResponse hello = get("/hello", "127.0.0.1");
        assertThat(hello.body()).isEqualTo("text:GET /hello");
        assertThat(hello.header("X-Count")).isEqualTo("1");
        assertThat(runtime.applicationState().get("starts")).isEqualTo(1);
    }

    @Test
    void customErrorPagesFromHttpErrors() {
        start();
        CapturedResponse missing = get("/nope", "198.51.100.1");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("custom 404 from a file");
        assertThat(get("/boom", "127.0.0.1").body()).contains("HTTP Error 500.0 - Internal Server Error")
                .doesNotContain("IllegalStateException");
    }

    @Test
    void aFolderWebConfigAddsHandlersForThatFolderOnly() throws IOException {
        Files.createDirectories(dir.resolve("wwwroot/admin"));
        Files.writeString(dir.resolve("wwwroot/admin/web.config"), """
                <configuration>
                  <system.webServer>
                    <handlers>
                      <add name="AdminAll" path="admin/*" verb="GET" type="app.ProbeHandler" />
                    </handlers>
                  </system.webServer>
                </configuration>
                """);
        start();
        assertThat(get("/admin/tool", "127.0.0.1").body()).contains("tccl=true");
        assertThat(get("/hello", "127.0.0.1").body()).isEqualTo("text:GET /hello");
    }

    @Test
    void anInvalidFolderWebConfigAnswers500Point19NamingTheFile() throws IOException {
        start();
        Files.createDirectories(dir.resolve("wwwroot/broken"));
        Files.writeString(dir.resolve("wwwroot/broken/web.config"), """
                <configuration>
                  <system.webServer>
                    <directoryBrowse enabled="maybe" />
                  </system.webServer>
                </configuration>
                """);
        CapturedResponse local = get("/broken/page", "127.0.0.1");
        assertThat(local.status()).isEqualTo(500);
        assertThat(local.subStatus()).isEqualTo(19);
        assertThat(local.body()).contains("HTTP Error 500.19", "configuration data for the page is invalid",
                dir.resolve("wwwroot/broken/web.config") + ":3");
        CapturedResponse remote = get("/broken/page", "198.51.100.1");
        assertThat(remote.body()).contains("HTTP Error 500.19").doesNotContain("web.config");
        assertThat(get("/hello", "127.0.0.1").status()).isEqualTo(200);
    }

    @Test
    void anUnknownHandlerTypeNamesTheWebConfigFileAndLine() throws IOException {
        Files.writeString(dir.resolve("wwwroot/web.config"), WEB.replace("app.BoomHandler", "app.NoSuchHandler"));
        assertThatThrownBy(this::start).isInstanceOf(ConfigException.class)
                .hasMessageContaining(dir.resolve("wwwroot/web.config") + ":12")
                .hasMessageContaining("app.NoSuchHandler was not found");
        runtime = null;
    }
}
