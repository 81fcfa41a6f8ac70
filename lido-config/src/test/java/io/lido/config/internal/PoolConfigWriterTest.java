package io.lido.config.internal;

import io.lido.config.ConfigException;
import io.lido.config.ServerConfig;
import io.lido.config.SiteConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The configuration a pool's workers receive: only that pool, its sites, applications and locations. */
class PoolConfigWriterTest {
    private static final String HOST = """
            <configuration>
              <system.applicationHost>
                <applicationPools>
                  <add name="A" jvmOptions="-Xmx64m">
                    <environmentVariables><add name="A_SECRET" value="a" /></environmentVariables>
                  </add>
                  <add name="B">
                    <environmentVariables><add name="B_SECRET" value="b" /></environmentVariables>
                  </add>
                </applicationPools>
                <sites>
                  <site name="OnlyA" id="1">
                    <application path="/" applicationPool="A">
                      <virtualDirectory path="/" physicalPath="../a-root" />
                      <virtualDirectory path="/data" physicalPath="%DATA_HOME%/a-data" />
                    </application>
                    <bindings><binding protocol="http" bindingInformation="*:0:a" /></bindings>
                  </site>
                  <site name="OnlyB" id="2">
                    <application path="/" applicationPool="B">
                      <virtualDirectory path="/" physicalPath="../b-root" />
                    </application>
                    <bindings><binding protocol="http" bindingInformation="*:0:b" /></bindings>
                  </site>
                  <site name="Shared" id="3">
                    <application path="/" applicationPool="B">
                      <virtualDirectory path="/" physicalPath="../shared-b" />
                    </application>
                    <application path="/tools/a/" applicationPool="A">
                      <virtualDirectory path="/" physicalPath="../shared-a" />
                    </application>
                    <bindings><binding protocol="http" bindingInformation="*:0:shared" /></bindings>
                  </site>
                </sites>
              </system.applicationHost>
              <location path="">
                <system.webServer><directoryBrowse enabled="true" /></system.webServer>
              </location>
              <location path="OnlyB">
                <system.webServer><directoryBrowse enabled="false" /></system.webServer>
              </location>
              <location path="Shared/private">
                <system.webServer><directoryBrowse enabled="false" /></system.webServer>
              </location>
              <location path="Shared/tools" overrideMode="Deny">
                <system.webServer><httpProtocol allowKeepAlive="true" /></system.webServer>
              </location>
              <location path="Shared/tools/a/inner">
                <system.webServer><directoryBrowse enabled="false" /></system.webServer>
              </location>
            </configuration>
            """;

    @TempDir
    Path root;

    private ServerConfig host() throws IOException {
        return host(HOST);
    }

    /** Writes the file and the folders it names (a virtual directory's folder must exist). */
    private ServerConfig host(String text) throws IOException {
        Path file = root.resolve("conf/applicationHost.config");
        Files.createDirectories(file.getParent());
        for (String folder : new String[] {"a-root", "b-root", "shared-a", "shared-b", "data/a-data"}) {
            Files.createDirectories(root.resolve(folder));
        }
        Files.writeString(file, text);
        return ServerConfigReader.load(file, Clock.systemUTC(), Map.of("DATA_HOME", root.resolve("data").toString())::get);
    }

    /** The worker reads it back with an environment that knows none of the host's variables. */
    private static ServerConfig worker(ServerConfig host, String text) {
        return ServerConfigReader.loadWorkerConfiguration(text, host.file(), Clock.systemUTC(), name -> null);
    }

    @Test
    void holdsOnlyThePoolsDefinitionSitesApplicationsAndLocations() throws IOException {
        ServerConfig host = host();
        String text = host.workerConfiguration("A");

        assertThat(text).contains("A_SECRET", "OnlyA", "Shared", "shared-a", "Shared/tools\"", "Shared/tools/a/inner",
                "<location path=\"\">");
        assertThat(text).doesNotContain("B_SECRET", "\"B\"", "OnlyB", "b-root", "shared-b", "Shared/private");

        ServerConfig worker = worker(host, text);
        assertThat(worker.applicationPools()).extracting(p -> p.name()).containsExactly("A");
        assertThat(worker.sites()).extracting(SiteConfig::name).containsExactly("OnlyA", "Shared");
        assertThat(worker.sites().get(1).applications()).extracting(SiteConfig.Application::path)
                .containsExactly("/tools/a");
        assertThat(worker.file()).isEqualTo(host.file());
    }

    @Test
    void theCertificateStoresAndTheirPasswordsStayWithTheHost() throws IOException {
        ServerConfig host = host(HOST.replace("</sites>\n", "</sites>\n"
                + "<sslCertificates><add ipPort=\"0.0.0.0:443\" certificateFile=\"certs/site.pfx\" password=\"PFX_SECRET\" />"
                + "</sslCertificates>\n"
                + "<centralCertificateStore enabled=\"false\" physicalPath=\"certs\" privateKeyPassword=\"CCS_SECRET\" />\n"));
        assertThat(Files.readString(host.file())).contains("PFX_SECRET", "CCS_SECRET");
        String text = host.workerConfiguration("A");
        assertThat(text).contains("OnlyA").doesNotContain("PFX_SECRET", "CCS_SECRET", "sslCertificates",
                "centralCertificateStore");
        assertThat(worker(host, text).sites()).extracting(SiteConfig::name).containsExactly("OnlyA", "Shared");
    }

    @Test
    void everyElementKeepsTheLineItHadAndSitePathsAreResolvedByTheHost() throws IOException {
        ServerConfig host = host();
        ServerConfig worker = worker(host, host.workerConfiguration("A"));

        assertThat(worker.applicationPools().getFirst().location())
                .isEqualTo(host.applicationPools().getFirst().location());
        SiteConfig hostShared = host.sites().get(2);
        SiteConfig workerShared = worker.sites().get(1);
        assertThat(workerShared.location()).isEqualTo(hostShared.location());
        assertThat(workerShared.applications().getFirst()).isEqualTo(hostShared.applications().get(1));
        // %DATA_HOME% was the host's to expand: the worker's environment does not have it.
        assertThat(worker.sites().getFirst()).isEqualTo(host.sites().getFirst());
        assertThat(worker.sites().getFirst().applications().getFirst().virtualDirectories().get(1).physicalPath())
                .isEqualTo(root.resolve("data/a-data"));
        assertThat(workerShared.logFile().directory()).isEqualTo(root.resolve("logs"));
    }

    @Test
    void locationsAboveAChildApplicationStillApplyAndLockItsWebConfig() throws IOException {
        ServerConfig host = host();
        ServerConfig worker = worker(host, host.workerConfiguration("A"));
        SiteConfig shared = worker.sites().get(1);
        assertThat(worker.webConfig(shared, "/tools/a/").section("system.webServer/directoryBrowse").bool("enabled"))
                .isTrue();
        assertThat(worker.webConfig(shared, "/tools/a/inner/x.txt").section("system.webServer/directoryBrowse")
                .bool("enabled")).isFalse();

        Path web = root.resolve("shared-a/web.config");
        Files.writeString(web, "<configuration>\n<system.webServer><httpProtocol allowKeepAlive=\"false\" />"
                + "</system.webServer>\n</configuration>\n");
        int lockLine = lineOf(HOST, "<location path=\"Shared/tools\"");
        ServerConfig fresh = worker(host, host.workerConfiguration("A"));
        assertThatThrownBy(() -> fresh.webConfig(fresh.sites().get(1), "/tools/a/"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("is locked by " + host.file() + ":" + lockLine);
    }

    @Test
    void thePoolOfASharedSitesRootDoesNotGetTheChildApplicationOfTheOther() throws IOException {
        ServerConfig host = host();
        ServerConfig worker = worker(host, host.workerConfiguration("B"));
        assertThat(worker.sites()).extracting(SiteConfig::name).containsExactly("OnlyB", "Shared");
        assertThat(worker.sites().get(1).applications()).extracting(SiteConfig.Application::path).containsExactly("/");
        assertThat(host.workerConfiguration("B")).doesNotContain("A_SECRET", "shared-a", "OnlyA", "Shared/tools/a/inner");
    }

    @Test
    void valuesAreEscapedSoTheWorkerReadsWhatTheHostRead() throws IOException {
        ServerConfig host = host(HOST.replace("-Xmx64m", "-Dx=&quot;a&amp;b&lt;c&gt;&#9;d&#10;e&quot;"));
        ServerConfig worker = worker(host, host.workerConfiguration("a"));
        assertThat(worker.applicationPools().getFirst().jvmOptions()).isEqualTo("-Dx=\"a&b<c>\td\ne\"");
    }

    @Test
    void anUnknownPoolIsRefused() throws IOException {
        ServerConfig host = host();
        assertThatThrownBy(() -> host.workerConfiguration("C")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("application pool 'C' is not defined in " + host.file());
    }

    private static int lineOf(String text, String needle) {
        return (int) text.substring(0, text.indexOf(needle)).chars().filter(c -> c == '\n').count() + 1;
    }
}
