package io.lido.server.auth;

import io.lido.server.LidoTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.lido.server.auth.AuthTools.curl;
import static io.lido.server.auth.AuthTools.htpasswd;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples of IIS's "Understanding IIS URL Authorization" through the real server, with Basic users made by
 * htpasswd and requests by curl: the walkthrough's secure folder (only the BobAndFriends group, bobsSecret only
 * Bob, with IIS Manager's {@code <remove users="*" roles="" verbs=""/>}), and the cases where IIS's order
 * ({@code system.webServer/security/authorization}: Deny rules first, parents first) and ASP.NET's
 * ({@code system.web/authorization}: the folder first, first match wins) disagree: a child's allow of anonymous
 * users or of Fred after a parent's deny, and an allow written before a deny in one folder.
 */
class UrlAuthorizationSocketTest {
    @TempDir
    static Path dir;
    private static LidoTestServer lido;

    @BeforeAll
    static void start() throws Exception {
        Path users = dir.resolve("etc/users");
        Files.createDirectories(users.getParent());
        for (String user : new String[] {"Alice", "Bob", "Fred"}) {
            htpasswd(users, "-B", user, user.toLowerCase() + "-pw");
        }
        Files.writeString(dir.resolve("etc/groups"), "BobAndFriends: Alice Bob\n");
        LidoTestServer.Builder site = LidoTestServer.in(dir.resolve("site"))
                .serverWebServer("""
                        <security><authentication>
                          <basicAuthentication enabled="true" realm="Lido" userFile="%s" groupFile="%s" />
                        </authentication></security>
                        """.formatted(users, dir.resolve("etc/groups")))
                .webFile("secure/default.txt", "secure")
                .webFile("secure/bobsSecret.txt", "Bob's secret")
                .webFile("secure/web.config", """
                        <configuration>
                          <system.webServer>
                            <security>
                              <authentication><anonymousAuthentication enabled="false" /></authentication>
                              <authorization>
                                <remove users="*" roles="" verbs="" />
                                <add accessType="Allow" roles="BobAndFriends" />
                              </authorization>
                            </security>
                          </system.webServer>
                          <location path="bobsSecret.txt">
                            <system.webServer>
                              <security>
                                <authorization>
                                  <remove users="" roles="BobAndFriends" verbs="" />
                                  <add accessType="Allow" users="Bob" />
                                </authorization>
                              </security>
                            </system.webServer>
                          </location>
                        </configuration>
                        """);
        // The parent denies anonymous users and Fred; the child allows them.
        site.webFile("iis/page.txt", "iis").webFile("iis/web.config", iis("""
                        <add accessType="Deny" users="?" />
                        <add accessType="Deny" users="Fred" />"""))
                .webFile("iis/open/page.txt", "iis open").webFile("iis/open/web.config", iis("""
                        <add accessType="Allow" users="?" />
                        <add accessType="Allow" users="Fred" />"""))
                .webFile("aspnet/page.txt", "aspnet").webFile("aspnet/web.config", aspNet("""
                        <deny users="?" />
                        <deny users="Fred" />"""))
                .webFile("aspnet/open/page.txt", "aspnet open").webFile("aspnet/open/web.config", aspNet("""
                        <allow users="?" />
                        <allow users="Fred" />"""));
        // One folder, an allow of Fred written before a deny of Fred.
        site.webFile("order-iis/page.txt", "order iis").webFile("order-iis/web.config", iis("""
                        <add accessType="Allow" users="Fred" />
                        <add accessType="Deny" users="Fred" />"""))
                .webFile("order-aspnet/page.txt", "order aspnet").webFile("order-aspnet/web.config", aspNet("""
                        <allow users="Fred" />
                        <deny users="Fred" />"""))
                .webFile("verbs/page.txt", "verbs").webFile("verbs/web.config", iis("""
                        <add accessType="Deny" users="*" verbs="POST,PUT" />"""));
        lido = site.start();
    }

    private static String iis(String rules) {
        return "<configuration><system.webServer><security><authorization>\n" + rules
                + "\n</authorization></security></system.webServer></configuration>\n";
    }

    private static String aspNet(String rules) {
        return "<configuration><system.web><authorization>\n" + rules + "\n</authorization></system.web></configuration>\n";
    }

    @AfterAll
    static void stop() {
        if (lido != null) {
            lido.close();
        }
    }

    /** The status of a GET of {@code path} as {@code user} ("" for anonymous). */
    private static AuthTools.Response get(String user, String path, String... more) throws Exception {
        String url = lido.uri(path).toString();
        if (user.isEmpty()) {
            return curl(concat(more, url));
        }
        return curl(concat(more, "-u", user + ":" + user.toLowerCase() + "-pw", url));
    }

    private static String[] concat(String[] first, String... then) {
        String[] all = java.util.Arrays.copyOf(first, first.length + then.length);
        System.arraycopy(then, 0, all, first.length, then.length);
        return all;
    }

    @ParameterizedTest(name = "{0} GET {1} -> {2}")
    @CsvSource({
            "'', /secure/default.txt, 401",
            "Fred, /secure/default.txt, 401",
            "Alice, /secure/default.txt, 200",
            "Bob, /secure/default.txt, 200",
            "'', /secure/bobsSecret.txt, 401",
            "Alice, /secure/bobsSecret.txt, 401",
            "Fred, /secure/bobsSecret.txt, 401",
            "Bob, /secure/bobsSecret.txt, 200",
    })
    void theWalkthroughsSecureFolder(String user, String path, int status) throws Exception {
        AuthTools.Response response = get(user, path);
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        if (status == 401) {
            assertThat(response.body()).contains("401.2");
            assertThat(response.header("WWW-Authenticate")).isEqualTo("Basic realm=\"Lido\", charset=\"UTF-8\"");
        }
    }

    @ParameterizedTest(name = "{0} GET {1} -> {2}")
    @CsvSource({
            // IIS: the parent's Deny rules come first, a child cannot allow back.
            "'', /iis/page.txt, 401",
            "Fred, /iis/page.txt, 401",
            "Alice, /iis/page.txt, 200",
            "'', /iis/open/page.txt, 401",
            "Fred, /iis/open/page.txt, 401",
            "Alice, /iis/open/page.txt, 200",
            // ASP.NET: the child's rules come first and the first match wins.
            "'', /aspnet/page.txt, 401",
            "Fred, /aspnet/page.txt, 401",
            "Alice, /aspnet/page.txt, 200",
            "'', /aspnet/open/page.txt, 200",
            "Fred, /aspnet/open/page.txt, 200",
            "Alice, /aspnet/open/page.txt, 200",
            // One folder: IIS evaluates the deny first, ASP.NET the rule written first.
            "Fred, /order-iis/page.txt, 401",
            "Alice, /order-iis/page.txt, 200",
            "Fred, /order-aspnet/page.txt, 200",
            "'', /order-aspnet/page.txt, 200",
    })
    void theTwoOrdersDisagree(String user, String path, int status) throws Exception {
        AuthTools.Response response = get(user, path);
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        if (status == 200) {
            assertThat(response.body()).isEqualTo(Files.readString(lido.wwwroot().resolve(path.substring(1))));
        } else {
            assertThat(response.body()).contains("401.2");
        }
    }

    @Test
    void aRuleWithVerbsAppliesToThoseVerbsOnly() throws Exception {
        assertThat(get("", "/verbs/page.txt").status()).isEqualTo(200);
        AuthTools.Response post = get("Alice", "/verbs/page.txt", "-X", "POST", "-d", "x=1");
        assertThat(post.status()).as("authorization runs before the static file handler's 405").isEqualTo(401);
        assertThat(post.body()).contains("401.2");
    }
}
