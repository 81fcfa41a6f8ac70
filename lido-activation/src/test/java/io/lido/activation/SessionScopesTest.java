package io.lido.activation;

import io.lido.config.ConfigLoader;
import io.lido.ipc.state.StateServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SessionScopesTest {
    @TempDir
    Path dir;

    @Test
    void eachPoolGetsTheApplicationKeysOfItsOwnApplications() throws Exception {
        Files.createDirectories(dir.resolve("www"));
        Path file = Files.writeString(dir.resolve("applicationHost.config"), """
                <configuration>
                  <system.applicationHost>
                    <applicationPools>
                      <add name="Shop" hostingModel="outOfProcess" />
                      <add name="Admin" hostingModel="outOfProcess" />
                    </applicationPools>
                    <sites>
                      <site name="One" id="1">
                        <application path="/" applicationPool="Shop">
                          <virtualDirectory path="/" physicalPath="%1$s" />
                        </application>
                        <application path="/admin" applicationPool="Admin">
                          <virtualDirectory path="/" physicalPath="%1$s" />
                        </application>
                        <bindings><binding protocol="http" bindingInformation="127.0.0.1:0:" /></bindings>
                      </site>
                      <site name="Two" id="7">
                        <application path="/" applicationPool="Admin">
                          <virtualDirectory path="/" physicalPath="%1$s" />
                        </application>
                        <application path="/cart" applicationPool="Shop">
                          <virtualDirectory path="/" physicalPath="%1$s" />
                        </application>
                        <bindings><binding protocol="http" bindingInformation="127.0.0.1:0:" /></bindings>
                      </site>
                    </sites>
                  </system.applicationHost>
                </configuration>
                """.formatted(dir.resolve("www")));
        Map<String, Set<String>> scopes = SessionScopes.of(ConfigLoader.load(file));
        assertThat(scopes).containsOnly(Map.entry("shop", Set.of("1/", "7/cart")), Map.entry("admin", Set.of("1/admin", "7/")));

        try (StateServer server = StateServer.start()) {
            server.poolApplications(scopes);
            assertThat(server.allows("SHOP", "7/cart")).as("pool names are case-insensitive").isTrue();
            assertThat(server.allows("Shop", "1/admin")).as("another pool's application").isFalse();
            assertThat(server.allows("Unknown", "1/")).isFalse();
            assertThat(server.allows(null, "1/admin")).as("the host's own client").isTrue();
        }
    }
}
