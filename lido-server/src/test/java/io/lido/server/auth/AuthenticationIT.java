package io.lido.server.auth;

import io.lido.server.activation.HostProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.lido.server.auth.AuthTools.curl;
import static io.lido.server.auth.AuthTools.htpasswd;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Basic authentication and both URL authorizations through the distribution's {@code bin/lido}, the application
 * in an outOfProcess pool: the worker process checks the htpasswd file (bcrypt), the handler there sees the user,
 * its roles and the server variables, and the listener logs the user name the worker reports.
 */
class AuthenticationIT {
    @TempDir
    static Path dir;
    private static HostProcess host;

    @BeforeAll
    static void startHost() throws Exception {
        Path users = dir.resolve("etc/users");
        Files.createDirectories(users.getParent());
        htpasswd(users, "-B", "alice", "alice-pw");
        htpasswd(users, "-B", "fred", "fred-pw");
        Files.writeString(dir.resolve("etc/groups"), "staff: alice\n");
        Path root = Files.createDirectories(dir.resolve("wwwroot"));
        Files.write(Files.createDirectories(root.resolve("bin")).resolve("whoami.jar"), AuthTools.whoamiJar());
        Files.writeString(root.resolve("web.config"), AuthTools.WHOAMI_CONFIG.replace("</system.webServer>", """
                    <security><authorization><add accessType="Deny" users="fred" /></authorization></security>
                  </system.webServer>
                  <location path="whoami">
                    <system.webServer><security><authorization><add accessType="Deny" users="?" /></authorization></security></system.webServer>
                  </location>"""));
        Files.writeString(root.resolve("page.txt"), "public page");
        Files.createDirectories(root.resolve("private"));
        Files.writeString(root.resolve("private/page.txt"), "private page");
        Files.writeString(root.resolve("private/web.config"), """
                <configuration><system.web><authorization>
                  <allow roles="staff" />
                  <deny users="*" />
                </authorization></system.web></configuration>
                """);
        Path config = Files.createDirectories(dir.resolve("conf")).resolve("applicationHost.config");
        Files.writeString(config, """
                <configuration>
                  <system.applicationHost>
                    <applicationPools>
                      <add name="Workers" hostingModel="outOfProcess">
                        <processModel startupTimeLimit="00:00:30" shutdownTimeLimit="00:00:05" />
                      </add>
                    </applicationPools>
                    <sites>
                      <site name="Auth" id="1">
                        <application path="/" applicationPool="Workers">
                          <virtualDirectory path="/" physicalPath="../wwwroot" />
                        </application>
                        <bindings><binding protocol="http" bindingInformation="127.0.0.1:0:" /></bindings>
                        <logFile directory="../logs" />
                      </site>
                    </sites>
                  </system.applicationHost>
                  <system.webServer>
                    <security><authentication>
                      <basicAuthentication enabled="true" realm="Lido IT" userFile="%s" groupFile="%s" />
                    </authentication></security>
                  </system.webServer>
                </configuration>
                """.formatted(users, dir.resolve("etc/groups")));
        host = HostProcess.start(config, Map.of());
    }

    @AfterAll
    static void stopHost() {
        if (host != null) {
            host.close();
        }
    }

    private static String url(String path) {
        return host.uri(path).toString();
    }

    @Test
    void theWorkerAuthenticatesAndTheHandlerSeesTheUser() throws Exception {
        AuthTools.Response anonymous = curl(url("/whoami"));
        assertThat(anonymous.status()).as(anonymous.body()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).isEqualTo("Basic realm=\"Lido IT\", charset=\"UTF-8\"");
        assertThat(anonymous.body()).contains("401.2");
        assertThat(host.workers()).as("the out-of-process worker answered").isNotEmpty();

        AuthTools.Response alice = curl("-u", "alice:alice-pw", url("/whoami"));
        assertThat(alice.body()).isEqualTo("user=alice AUTH_TYPE=Basic REMOTE_USER=alice LOGON_USER=alice roles=staff "
                + "staff=true");
        AuthTools.Response wrong = curl("-u", "alice:nope", url("/whoami"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).contains("401.1");
    }

    @Test
    void iisAndAspNetRulesProtectStaticFilesInTheWorker() throws Exception {
        assertThat(curl(url("/page.txt")).body()).as("anonymous access stays on").isEqualTo("public page");
        assertThat(curl("-u", "fred:fred-pw", url("/page.txt")).status()).as("IIS rule: deny fred").isEqualTo(401);
        assertThat(curl(url("/private/page.txt")).status()).as("ASP.NET rule: staff only").isEqualTo(401);
        assertThat(curl("-u", "alice:alice-pw", url("/private/page.txt")).body()).isEqualTo("private page");
    }
}
