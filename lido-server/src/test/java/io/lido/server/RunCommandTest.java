package io.lido.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lido run} with configurations that must not start: exit status 2 and a message naming the place.
 * (An application whose start hook fails does not stop the server: see ApplicationDomainSocketTest.)
 */
class RunCommandTest {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.commandLine().setErr(new PrintWriter(err, true)).execute(args);
    }

    @Test
    void invalidApplicationHostConfigExitsWithTwoAndNamesFileAndLine() throws IOException {
        Path config = dir.resolve("applicationHost.config");
        Files.writeString(config, """
                <?xml version="1.0" encoding="UTF-8"?>
                <configuration>
                  <system.applicationHost>
                    <applicationPools>
                      <add name="DefaultAppPool" queueLength="many" />
                    </applicationPools>
                  </system.applicationHost>
                </configuration>
                """);

        int status = run("run", "--config", config.toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains(config + ":5").contains("queueLength").doesNotContain("\tat ");
    }

    @Test
    void invalidWebConfigStopsStartUp() throws IOException {
        Path config = writeSiteConfig("127.0.0.1:0:");
        Path webConfig = dir.resolve("wwwroot/web.config");
        Files.writeString(webConfig, """
                <configuration>
                  <system.webServer>
                    <directoryBrowse enabled="perhaps" />
                  </system.webServer>
                </configuration>
                """);

        int status = run("run", "--config", config.toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("web.config:3").contains("enabled");
    }

    @Test
    void aPortInUseExitsWithOneNamingTheBinding() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path config = writeSiteConfig("127.0.0.1:" + taken.getLocalPort() + ":");

            int status = run("run", "--config", config.toString());

            assertThat(status).isEqualTo(1);
            assertThat(err.toString()).contains("Default Web Site").contains(String.valueOf(taken.getLocalPort()))
                    .doesNotContain("\tat ");
        }
    }

    /** conf/applicationHost.config with the default site on one binding, serving wwwroot/. */
    private Path writeSiteConfig(String bindingInformation) throws IOException {
        Path config = dir.resolve("conf/applicationHost.config");
        Files.createDirectories(config.getParent());
        Files.createDirectories(dir.resolve("wwwroot/bin"));
        Files.writeString(config, """
                <configuration>
                  <system.applicationHost>
                    <applicationPools><add name="DefaultAppPool" hostingModel="inProcess" /></applicationPools>
                    <sites>
                      <site name="Default Web Site" id="1">
                        <application path="/" applicationPool="DefaultAppPool">
                          <virtualDirectory path="/" physicalPath="../wwwroot" />
                        </application>
                        <bindings><binding protocol="http" bindingInformation="%s" /></bindings>
                      </site>
                    </sites>
                  </system.applicationHost>
                </configuration>
                """.formatted(bindingInformation));
        return config;
    }

    @Test
    void missingConfigFileExitsWithTwo() {
        Path missing = dir.resolve("nope.config");

        assertThat(run("run", "--config", missing.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("not found").contains("nope.config");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(run("run", "--bogus")).isEqualTo(2);
        assertThat(err.toString()).contains("--bogus");
    }
}
