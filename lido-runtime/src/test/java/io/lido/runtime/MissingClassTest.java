package io.lido.runtime;

import io.lido.config.ConfigException;
import io.lido.config.ConfigLoader;
import io.lido.config.ServerConfig;
import io.lido.config.SiteConfig;
import io.lido.runtime.testing.TestCatalog;
import io.lido.runtime.testing.TestJars;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An application deployed without a library it was compiled against (lib.Helper, lib.Base left out of
 * bin/app.jar): the error names the class that is missing and the one that needs it, wherever it is found.
 */
class MissingClassTest {
    private static final String HOST = """
            <configuration>
              <system.applicationHost>
                <applicationPools><add name="P" hostingModel="inProcess" /></applicationPools>
                <sites>
                  <site name="S" id="3">
                    <application path="/" applicationPool="P">
                      <virtualDirectory path="/" physicalPath="../wwwroot" />
                    </application>
                    <bindings><binding protocol="http" bindingInformation="127.0.0.1:0:" /></bindings>
                  </site>
                </sites>
              </system.applicationHost>
            </configuration>
            """;

    private static final Map<String, String> SOURCES = Map.of(
            "lib.Helper", "package lib; public class Helper { public String hi() { return \"hi\"; } }",
            "lib.Base", "package lib; public abstract class Base implements io.lido.api.HttpHandler { }",
            "app.ExtendsMissing", """
                    package app;
                    public class ExtendsMissing extends lib.Base {
                        @Override public void processRequest(io.lido.api.HttpContext context) { }
                    }
                    """,
            "app.UsesMissing", """
                    package app;
                    public class UsesMissing implements io.lido.api.HttpHandler {
                        private final Object helper = new lib.Helper();
                        @Override public void processRequest(io.lido.api.HttpContext context) { }
                    }
                    """,
            "app.Global", """
                    package app;
                    public class Global extends io.lido.api.HttpApplication {
                        @Override public void onStart() {
                            application().set("greeting", new lib.Helper().hi());
                        }
                    }
                    """);

    @TempDir
    Path dir;
    HttpRuntime runtime;

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.shutdown(Duration.ofSeconds(5));
        }
    }

    private HttpRuntime deploy(String webConfig) throws IOException {
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("conf/applicationHost.config"), HOST);
        Path jar = TestJars.compile(SOURCES, dir.resolve("wwwroot/bin/app.jar"));
        TestJars.drop(jar, "lib.Helper");
        TestJars.drop(jar, "lib.Base");
        Files.writeString(dir.resolve("wwwroot/web.config"), webConfig);
        ServerConfig config = ConfigLoader.load(dir.resolve("conf/applicationHost.config"));
        SiteConfig site = config.sites().getFirst();
        runtime = new HttpRuntime(config, site, site.applications().getFirst(), new TestCatalog());
        return runtime;
    }

    private static String handler(String type) {
        return """
                <configuration>
                  <system.webServer>
                    <handlers><add name="H" path="h" verb="GET" type="%s" /></handlers>
                  </system.webServer>
                </configuration>
                """.formatted(type);
    }

    @Test
    void aHandlerWhoseSuperclassIsMissingNamesTheMissingClass() throws IOException {
        HttpRuntime app = deploy(handler("app.ExtendsMissing"));
        assertThatThrownBy(app::start).isInstanceOf(ConfigException.class)
                .hasMessageContaining(dir.resolve("wwwroot/web.config") + ":3")
                .hasMessageContaining("class app.ExtendsMissing needs lib.Base, which is missing from bin/")
                .hasMessageNotContaining("not found");
    }

    @Test
    void aHandlerWhoseConstructorNeedsAMissingClassNamesIt() throws IOException {
        HttpRuntime app = deploy(handler("app.UsesMissing"));
        assertThatThrownBy(app::start)
                .hasMessageContaining("class app.UsesMissing needs lib.Helper, which is missing from bin/");
    }

    @Test
    void aGlobalOnStartThatNeedsAMissingClassFailsTheApplicationNotTheHost() throws IOException {
        HttpRuntime app = deploy("""
                <configuration><system.web><httpApplication type="app.Global" /></system.web></configuration>
                """);
        assertThat(app.tryStart()).as("the error is a start failure, not an Error thrown at the host").isFalse();
        assertThat(app.status()).isEqualTo("Failed");
        assertThat(app.restart(RestartReason.MANUAL)).isFalse();
    }

    @Test
    void theStartFailureSaysWhichClassIsMissing() throws IOException {
        HttpRuntime app = deploy("""
                <configuration><system.web><httpApplication type="app.Global" /></system.web></configuration>
                """);
        assertThatThrownBy(app::start).isInstanceOf(ApplicationStartException.class)
                .hasMessageContaining("class app.Global needs lib.Helper, which is missing from bin/");
    }
}
