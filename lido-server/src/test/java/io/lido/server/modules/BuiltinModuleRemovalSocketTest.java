package io.lido.server.modules;

import io.lido.server.LidoTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Built-in modules are registered by name in the built-in defaults, as IIS registers its native modules,
 * so an application's web.config can take one out with {@code <remove name>}. The module list is
 * per application (pooled application instances compile it once), as in IIS and ASP.NET.
 */
class BuiltinModuleRemovalSocketTest {
    @TempDir
    Path dir;

    @Test
    void anApplicationsWebConfigRemovesABuiltInModule() {
        try (LidoTestServer lido = LidoTestServer.in(dir)
                .serverWebServer("""
                        <httpProtocol>
                          <customHeaders>
                            <add name="X-Frame-Options" value="DENY" />
                          </customHeaders>
                        </httpProtocol>
                        """)
                .webFile("plain/page.html", "no custom headers here")
                .webFile("web.config", """
                        <configuration><system.webServer>
                          <modules><remove name="ProtocolSupportModule" /></modules>
                        </system.webServer></configuration>
                        """)
                .start()) {
            HttpResponse<String> plain = lido.get("/plain/page.html");
            assertThat(plain.statusCode()).isEqualTo(200);
            assertThat(plain.body()).isEqualTo("no custom headers here");
            assertThat(plain.headers().firstValue("X-Frame-Options")).isEmpty();
        }
    }
}
